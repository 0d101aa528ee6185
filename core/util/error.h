// The engine's error type: every failure names the thing (file, tensor, field) and what was wrong.
#pragma once
#include <stdexcept>
#include <string>

namespace milr {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A reward that could not be computed (process crashed, timed out, answered garbage, NaN, out of range).
// The engine stops the run cleanly and keeps the steps so far.
class RewardError : public Error {
public:
    explicit RewardError(const std::string& message) : Error(message) {}
};

// A number that must be finite is not: NaN or Inf in weights, logits, latents or a decoded image.
class NumericalError : public Error {
public:
    explicit NumericalError(const std::string& message) : Error(message) {}
};

// What stopped a run that failed: its reward, its numbers, or anything else.
enum class FailureKind { none, reward, numerical, other };

// Thrown when a progress callback or a cancel token asked to stop; not a failure.
class Cancelled : public Error {
public:
    explicit Cancelled(const std::string& what = "cancelled") : Error(what) {}
};

}  // namespace milr

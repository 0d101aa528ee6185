// The engine's error type: every failure names the thing (file, tensor, field) and what was wrong.
#pragma once
#include <stdexcept>
#include <string>

namespace milr {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when a progress callback or a cancel token asked to stop; not a failure.
class Cancelled : public Error {
public:
    explicit Cancelled(const std::string& what = "cancelled") : Error(what) {}
};

}  // namespace milr

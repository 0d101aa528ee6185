// The phases a run goes through, as the engine reports them and the window and the CLI name them.
#pragma once

namespace milr {

enum class RunPhase {
    loading,     // the model is being read (before the run)
    thinking,    // the reasoning text is (re-)derived
    drawing,     // image tokens are sampled
    decoding,    // the image codec turns tokens into pixels
    judging,     // the reward scores the image
    optimising,  // loss, backward pass and Adam on the latents
};

// "loading", "thinking", ...: the names the CLI prints and scripts read.
inline const char* phase_name(RunPhase phase) {
    switch (phase) {
        case RunPhase::loading:
            return "loading";
        case RunPhase::thinking:
            return "thinking";
        case RunPhase::drawing:
            return "drawing";
        case RunPhase::decoding:
            return "decoding";
        case RunPhase::judging:
            return "judging";
        case RunPhase::optimising:
            return "optimising";
    }
    return "running";
}

}  // namespace milr

// Mappings between an integer slider position and a parameter value: linear, logarithmic, and the two-slope
// "fine near zero" mapping used for lambda_v.
#pragma once

namespace milr {

class SliderMapping {
public:
    // `positions` + 1 evenly spaced values from `minimum` to `maximum`.
    static SliderMapping linear(double minimum, double maximum, int positions);
    // Evenly spaced in log10 from `minimum` to `maximum` (both > 0). With `zero_first`, position 0 is the value 0
    // and positions 1..positions span [minimum, maximum] (the learning rate, whose 0 is a control run).
    static SliderMapping logarithmic(double minimum, double maximum, int positions, bool zero_first = false);
    // Two linear pieces: positions 0..fine_positions cover [minimum, knee] in fine steps, the remaining
    // coarse_positions cover (knee, maximum] in coarse steps. For lambda_v: fine(0, 0.1, 100, 1, 90) gives steps of
    // 0.001 up to 0.1 (0.02 is position 20, about 11.5 of the 576 image tokens per 0.02) and steps of 0.01 above.
    static SliderMapping fine_near_minimum(double minimum, double knee, int fine_positions, double maximum,
                                           int coarse_positions);

    int positions() const { return m_positions; }                     // slider range is 0..positions()
    double minimum() const { return m_zeroFirst ? 0.0 : m_minimum; }  // the first position's value
    double maximum() const { return m_maximum; }
    double value_at(int position) const;
    // The position whose value is nearest to `value` (clamped to the range).
    int position_of(double value) const;

private:
    enum class Kind { Linear, Logarithmic, TwoSlope };
    Kind m_kind = Kind::Linear;
    double m_minimum = 0.0, m_maximum = 1.0, m_knee = 0.0;
    int m_positions = 100, m_finePositions = 0;
    bool m_zeroFirst = false;
};

}  // namespace milr

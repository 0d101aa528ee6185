// Slider position <-> value mappings.
#include "widgets/slider_mapping.h"

#include <algorithm>
#include <cmath>

namespace milr {

SliderMapping SliderMapping::linear(double minimum, double maximum, int positions) {
    SliderMapping m;
    m.m_kind = Kind::Linear;
    m.m_minimum = minimum;
    m.m_maximum = maximum;
    m.m_positions = std::max(1, positions);
    return m;
}

SliderMapping SliderMapping::logarithmic(double minimum, double maximum, int positions, bool zero_first) {
    SliderMapping m = linear(minimum, maximum, std::max(zero_first ? 2 : 1, positions));
    m.m_kind = Kind::Logarithmic;
    m.m_zeroFirst = zero_first;
    return m;
}

SliderMapping SliderMapping::fine_near_minimum(double minimum, double knee, int fine_positions, double maximum,
                                               int coarse_positions) {
    SliderMapping m = linear(minimum, maximum, std::max(1, fine_positions) + std::max(1, coarse_positions));
    m.m_kind = Kind::TwoSlope;
    m.m_knee = knee;
    m.m_finePositions = std::max(1, fine_positions);
    return m;
}

double SliderMapping::value_at(int position) const {
    const int p = std::clamp(position, 0, m_positions);
    switch (m_kind) {
        case Kind::Linear:
            return m_minimum + (m_maximum - m_minimum) * p / m_positions;
        case Kind::Logarithmic: {
            if (m_zeroFirst && p == 0) return 0.0;
            const int first = m_zeroFirst ? 1 : 0;
            const double lo = std::log10(m_minimum), hi = std::log10(m_maximum);
            return std::pow(10.0, lo + (hi - lo) * (p - first) / (m_positions - first));
        }
        case Kind::TwoSlope:
            if (p <= m_finePositions) return m_minimum + (m_knee - m_minimum) * p / m_finePositions;
            return m_knee + (m_maximum - m_knee) * (p - m_finePositions) / (m_positions - m_finePositions);
    }
    return m_minimum;
}

int SliderMapping::position_of(double value) const {
    if (!std::isfinite(value)) return 0;
    double exact = 0.0;
    switch (m_kind) {
        case Kind::Linear:
            exact = (value - m_minimum) / (m_maximum - m_minimum) * m_positions;
            break;
        case Kind::Logarithmic: {
            const int first = m_zeroFirst ? 1 : 0;
            const double lo = std::log10(m_minimum), hi = std::log10(m_maximum);
            if (m_zeroFirst && value < m_minimum / 2) return 0;
            exact = value <= 0.0 ? 0.0 : first + (std::log10(value) - lo) / (hi - lo) * (m_positions - first);
            break;
        }
        case Kind::TwoSlope:
            exact = value <= m_knee
                ? (value - m_minimum) / (m_knee - m_minimum) * m_finePositions
                : m_finePositions + (value - m_knee) / (m_maximum - m_knee) * (m_positions - m_finePositions);
            break;
    }
    return std::clamp(static_cast<int>(std::lround(exact)), 0, m_positions);
}

}  // namespace milr

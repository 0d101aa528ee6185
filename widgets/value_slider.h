// A slider with a numeric entry beside it, kept in sync through a SliderMapping; the entry holds the exact value.
#pragma once
#include <QWidget>

#include "widgets/slider_mapping.h"

class QSlider;
class QDoubleSpinBox;

namespace milr {

class ValueSlider : public QWidget {
    Q_OBJECT
public:
    // `decimals` digits in the entry (0 for an integer parameter); `step` is the entry's arrow step.
    ValueSlider(const SliderMapping& mapping, int decimals, double step, QWidget* parent = nullptr);

    double value() const;
    const SliderMapping& mapping() const { return m_mapping; }
    QSlider* slider() const { return m_slider; }
    QDoubleSpinBox* spinBox() const { return m_spin; }

public slots:
    // Sets the entry (clamped to the range, rounded to the entry's decimals) and moves the slider to the nearest
    // position. Emits valueChanged when the value changed.
    void setValue(double value);

signals:
    void valueChanged(double value);

private:
    void onSliderMoved(int position);
    void onSpinChanged(double value);

    SliderMapping m_mapping;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
};

}  // namespace milr

// Two-way synchronisation of a slider and its numeric entry.
#include "widgets/value_slider.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

namespace milr {

ValueSlider::ValueSlider(const SliderMapping& mapping, int decimals, double step, QWidget* parent)
    : QWidget(parent),
      m_mapping(mapping),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_spin(new QDoubleSpinBox(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_slider->setRange(0, m_mapping.positions());
    m_slider->setSingleStep(1);
    m_slider->setPageStep(std::max(1, m_mapping.positions() / 10));
    m_spin->setDecimals(decimals);
    m_spin->setRange(m_mapping.minimum(), m_mapping.maximum());
    m_spin->setSingleStep(step);
    m_spin->setKeyboardTracking(false);
    m_spin->setAlignment(Qt::AlignRight);
    m_spin->setMinimumWidth(decimals > 0 ? 78 : 60);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    setFocusProxy(m_spin);
    connect(m_slider, &QSlider::valueChanged, this, &ValueSlider::onSliderMoved);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &ValueSlider::onSpinChanged);
    setValue(m_mapping.minimum());
}

double ValueSlider::value() const { return m_spin->value(); }

void ValueSlider::setValue(double value) { m_spin->setValue(value); }

void ValueSlider::onSliderMoved(int position) {
    // The slider picks among its positions; the entry then shows that position's value.
    const QSignalBlocker blocker(m_spin);
    const double before = m_spin->value();
    m_spin->setValue(m_mapping.value_at(position));
    if (m_spin->value() != before) emit valueChanged(m_spin->value());
}

void ValueSlider::onSpinChanged(double value) {
    // A typed value is kept exactly; the slider moves to the nearest position without echoing back.
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(m_mapping.position_of(value));
    emit valueChanged(value);
}

}  // namespace milr

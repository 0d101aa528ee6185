// Painting and dragging of the compare canvas; images scale as in the image view (crisp whole factors).
#include "widgets/compare_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

#include "widgets/image_fit.h"

namespace milr {
namespace {

constexpr qreal kGap = 8;  // between the two images side by side

}  // namespace

CompareCanvas::CompareCanvas(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
    m_placeholder = tr("Choose two steps to compare.");
}

void CompareCanvas::setImages(const QImage& first, const QString& firstCaption, const QImage& second,
                              const QString& secondCaption) {
    m_images[0] = first;
    m_images[1] = second;
    m_captions[0] = firstCaption;
    m_captions[1] = secondCaption;
    update();
}

void CompareCanvas::clearImages(const QString& placeholder) {
    m_images[0] = m_images[1] = QImage();
    m_captions[0].clear();
    m_captions[1].clear();
    m_placeholder = placeholder;
    update();
}

void CompareCanvas::setArrangement(Arrangement arrangement) {
    m_arrangement = arrangement;
    setCursor(arrangement == Arrangement::Swipe ? Qt::SplitHCursor : Qt::ArrowCursor);
    update();
}

void CompareCanvas::setDivider(double fraction) {
    const double clamped = std::clamp(fraction, 0.0, 1.0);
    if (clamped == m_divider) return;
    m_divider = clamped;
    update();
    emit dividerMoved(m_divider);
}

int CompareCanvas::captionHeight() const { return fontMetrics().height() + 6; }

QRectF CompareCanvas::imageArea(int side) const {
    const qreal band = captionHeight();
    const QRectF whole(rect());
    const QRectF all = whole.adjusted(0, band, 0, 0);
    if (m_arrangement == Arrangement::Swipe) return all;
    if (isStacked()) {  // one above the other, each under its own caption
        const qreal half = (whole.height() - 2 * band - kGap) / 2;
        return side == 0 ? QRectF(whole.left(), whole.top() + band, whole.width(), half)
                         : QRectF(whole.left(), whole.bottom() + 1 - half, whole.width(), half);
    }
    const qreal half = (all.width() - kGap) / 2;
    return side == 0 ? QRectF(all.left(), all.top(), half, all.height())
                     : QRectF(all.right() - half, all.top(), half, all.height());
}

bool CompareCanvas::isStacked() const {
    // Side by side in a tall pane leaves the images small: stacked, each gets the whole width.
    const qreal band = captionHeight();
    const QRectF whole(rect());
    const qreal beside = std::min((whole.width() - kGap) / 2, whole.height() - band);
    const qreal stacked = std::min(whole.width(), (whole.height() - 2 * band - kGap) / 2);
    return m_arrangement == Arrangement::SideBySide && stacked > beside;
}

QRectF CompareCanvas::imageRect(int side) const {
    // In Swipe the second image is laid over the first, in the first one's rectangle.
    const int fitted = m_arrangement == Arrangement::Swipe ? 0 : (side & 1);
    return fit_image(m_images[fitted].size(), imageArea(side), devicePixelRatioF()).rect;
}

qreal CompareCanvas::dividerX() const {
    const QRectF area = imageRect(0);
    return area.left() + m_divider * area.width();
}

QSize CompareCanvas::sizeHint() const { return QSize(420, 420); }
QSize CompareCanvas::minimumSizeHint() const { return QSize(160, 160); }

void CompareCanvas::drawSide(QPainter& painter, int side, const QRectF& clip) const {
    const QImage& image = m_images[side];
    if (image.isNull()) return;
    const QRectF target = imageRect(side);
    const int fitted = m_arrangement == Arrangement::Swipe ? 0 : side;
    const bool crisp = fit_image(m_images[fitted].size(), imageArea(side), devicePixelRatioF()).factor > 0 &&
        image.size() == m_images[fitted].size();
    painter.save();
    painter.setClipRect(clip);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !crisp);
    painter.drawImage(target, image);
    painter.restore();
}

void CompareCanvas::drawDivider(QPainter& painter) const {
    const QRectF area = imageRect(0);
    const qreal x = dividerX();
    const QColor line = palette().color(QPalette::Highlight);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(line, 2));
    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
    // A round handle with two arrows, in the middle of the line.
    const qreal radius = std::max<qreal>(10, fontMetrics().height() * 0.8);
    const QPointF centre(x, area.center().y());
    painter.setBrush(line);
    painter.drawEllipse(centre, radius, radius);
    const qreal a = radius * 0.45;
    QPainterPath arrows;
    arrows.moveTo(centre + QPointF(-a * 0.3, -a));
    arrows.lineTo(centre + QPointF(-a * 1.3, 0));
    arrows.lineTo(centre + QPointF(-a * 0.3, a));
    arrows.closeSubpath();
    arrows.moveTo(centre + QPointF(a * 0.3, -a));
    arrows.lineTo(centre + QPointF(a * 1.3, 0));
    arrows.lineTo(centre + QPointF(a * 0.3, a));
    arrows.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::HighlightedText));
    painter.drawPath(arrows);
}

void CompareCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (m_images[0].isNull() || m_images[1].isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.setPen(palette().color(QPalette::WindowText));
    const int band = captionHeight();
    if (m_arrangement == Arrangement::Swipe) {
        const QRectF area = imageRect(0);
        const qreal x = dividerX();
        drawSide(painter, 0, QRectF(area.left(), area.top(), x - area.left(), area.height()));
        drawSide(painter, 1, QRectF(x, area.top(), area.right() - x, area.height()));
        const QRectF captions(area.left(), area.top() - band, area.width(), band);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(captions, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("◀ ") + m_captions[0]);
        painter.drawText(captions, Qt::AlignRight | Qt::AlignVCenter, m_captions[1] + QStringLiteral(" ▶"));
        drawDivider(painter);
        return;
    }
    for (int side = 0; side < 2; ++side) {
        const QRectF area = imageRect(side);
        drawSide(painter, side, area);
        painter.setPen(palette().color(QPalette::WindowText));
        const QRectF column = imageArea(side);
        painter.drawText(QRectF(column.left(), area.top() - band, column.width(), band),
                         Qt::AlignHCenter | Qt::AlignVCenter, m_captions[side]);
    }
}

void CompareCanvas::dragTo(qreal x) {
    const QRectF area = imageRect(0);
    if (area.width() > 0) setDivider((x - area.left()) / area.width());
}

void CompareCanvas::mousePressEvent(QMouseEvent* event) {
    if (m_arrangement == Arrangement::Swipe && event->button() == Qt::LeftButton) {
        dragTo(event->position().x());
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void CompareCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (m_arrangement == Arrangement::Swipe && (event->buttons() & Qt::LeftButton)) {
        dragTo(event->position().x());
        event->accept();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

}  // namespace milr

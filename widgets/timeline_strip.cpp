// Painting, scrolling and selection of the thumbnail strip.
#include "widgets/timeline_strip.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

#include "core/milr/step_record.h"
#include "widgets/qt_image.h"
#include "widgets/step_model.h"

namespace milr {
namespace {

constexpr int kMargin = 4;   // around the strip's content
constexpr int kSpacing = 8;  // between thumbnails
constexpr int kFrame = 3;    // the frame of the step on show

}  // namespace

TimelineStrip::TimelineStrip(QWidget* parent) : QAbstractScrollArea(parent) {
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::StrongFocus);
    horizontalScrollBar()->setSingleStep(cellWidth());
}

void TimelineStrip::setModel(StepModel* model) {
    if (m_model) disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &StepModel::recordAppended, this, &TimelineStrip::onAppended);
        connect(m_model, &StepModel::selectionChanged, this, [this](int index) {
            ensureVisible(index);
            viewport()->update();
        });
        connect(m_model, &StepModel::cleared, this, &TimelineStrip::rebuild);
    }
    rebuild();
}

void TimelineStrip::setThumbnailSize(int pixels) {
    m_thumbnailSize = std::max(16, pixels);
    horizontalScrollBar()->setSingleStep(cellWidth());
    rebuild();
    updateGeometry();
}

QImage TimelineStrip::makeThumbnail(int index) const {
    const QImage image = to_qimage(m_model->record(index).image);
    if (image.isNull()) return image;
    const qreal dpr = devicePixelRatioF();
    const int edge = static_cast<int>(m_thumbnailSize * dpr);
    QImage thumbnail = image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    thumbnail.setDevicePixelRatio(dpr);
    return thumbnail;
}

void TimelineStrip::rebuild() {
    m_thumbnails.clear();
    if (m_model)
        for (int i = 0; i < m_model->count(); ++i) m_thumbnails.push_back(makeThumbnail(i));
    updateScrollRange();
    if (m_model) ensureVisible(m_model->selectedIndex());
    viewport()->update();
}

void TimelineStrip::onAppended(int index) {
    if (index != thumbnailCount()) {  // out of step with the model (never expected): start over
        rebuild();
        return;
    }
    m_thumbnails.push_back(makeThumbnail(index));
    updateScrollRange();
    if (index == m_model->selectedIndex()) ensureVisible(index);
    viewport()->update();
}

int TimelineStrip::cellWidth() const { return m_thumbnailSize + kSpacing; }
int TimelineStrip::captionHeight() const { return fontMetrics().height() + 2; }

QRect TimelineStrip::thumbnailRect(int index) const {
    if (index < 0 || index >= thumbnailCount()) return {};
    const int left = kMargin + index * cellWidth() - horizontalScrollBar()->value();
    return QRect(left, kMargin, m_thumbnailSize, m_thumbnailSize + captionHeight());
}

int TimelineStrip::indexAt(const QPoint& pos) const {
    for (int i = 0; i < thumbnailCount(); ++i)
        if (thumbnailRect(i).contains(pos)) return i;
    return -1;
}

QString TimelineStrip::caption(int index) const {
    if (!m_model || index < 0 || index >= m_model->count()) return {};
    const StepRecord& record = m_model->record(index);
    return QStringLiteral("%1 · %2").arg(record.step).arg(record.reward, 0, 'f', 3);
}

QString TimelineStrip::shownCaption(int index) const {
    if (!m_model || index < 0 || index >= m_model->count()) return {};
    const double reward = m_model->record(index).reward;
    const int room = m_thumbnailSize + kSpacing - 2;  // a caption never reaches into its neighbour's
    for (const QString& text : {caption(index), QString::number(reward, 'f', 3), QString::number(reward, 'f', 2)})
        if (fontMetrics().horizontalAdvance(text) <= room) return text;
    return QString::number(reward, 'f', 1);
}

QSize TimelineStrip::sizeHint() const {
    const int height = 2 * kMargin + m_thumbnailSize + captionHeight() + horizontalScrollBar()->sizeHint().height();
    return QSize(kMargin * 2 + 8 * cellWidth(), height);
}

QSize TimelineStrip::minimumSizeHint() const { return QSize(cellWidth() * 2, sizeHint().height()); }

void TimelineStrip::updateScrollRange() {
    const int content = 2 * kMargin + thumbnailCount() * cellWidth() - kSpacing;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setRange(0, std::max(0, content - viewport()->width()));
}

void TimelineStrip::ensureVisible(int index) {
    const QRect rect = thumbnailRect(index);
    if (rect.isEmpty()) return;
    QScrollBar* bar = horizontalScrollBar();
    if (rect.left() < kMargin)
        bar->setValue(bar->value() + rect.left() - kMargin);
    else if (rect.right() > viewport()->width() - kMargin)
        bar->setValue(bar->value() + rect.right() - viewport()->width() + kMargin);
}

void TimelineStrip::selectIndex(int index) {
    if (!m_model || m_model->isEmpty()) return;
    m_model->selectStep(m_model->record(std::clamp(index, 0, m_model->count() - 1)).step);
}

void TimelineStrip::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    const QPalette& colours = palette();
    if (thumbnailCount() == 0) {
        painter.setPen(colours.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(kMargin, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("Every step's image appears here."));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    const int selected = m_model->selectedIndex();
    const int best = m_model->bestIndex();
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < thumbnailCount(); ++i) {
        const QRect cell = thumbnailRect(i);
        if (cell.right() < 0 || cell.left() > viewport()->width()) continue;
        const QRect square(cell.topLeft(), QSize(m_thumbnailSize, m_thumbnailSize));
        const QImage& thumbnail = m_thumbnails[static_cast<size_t>(i)];
        if (thumbnail.isNull()) {
            painter.fillRect(square, colours.color(QPalette::Mid));
        } else {
            const QSizeF drawn = thumbnail.deviceIndependentSize();
            painter.drawImage(QPointF(square.left() + (square.width() - drawn.width()) / 2,
                                      square.top() + (square.height() - drawn.height()) / 2),
                              thumbnail);
        }
        if (i == selected) {
            painter.setPen(
                QPen(colours.color(QPalette::Highlight), kFrame, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(square.adjusted(-1, -1, 0, 0));
        }
        painter.setFont(i == best ? bold : font());
        painter.setPen(colours.color(i == selected ? QPalette::Highlight : QPalette::WindowText));
        const QRect captionRect(cell.left() - kSpacing / 2, square.bottom() + 2, cell.width() + kSpacing,
                                captionHeight());
        painter.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop, shownCaption(i));
    }
    if (hasFocus()) {
        painter.setPen(QPen(colours.color(QPalette::Highlight), 1, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(viewport()->rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineStrip::mousePressEvent(QMouseEvent* event) {
    const int index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index >= 0) {
        setFocus(Qt::MouseFocusReason);
        selectIndex(index);
        event->accept();
        emit stepClicked(m_model->record(index).step);
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineStrip::keyPressEvent(QKeyEvent* event) {
    if (!m_model || m_model->isEmpty()) return QAbstractScrollArea::keyPressEvent(event);
    const int selected = std::max(0, m_model->selectedIndex());
    switch (event->key()) {
        case Qt::Key_Left:
            selectIndex(selected - 1);
            break;
        case Qt::Key_Right:
            selectIndex(selected + 1);
            break;
        case Qt::Key_Home:
            selectIndex(0);
            break;
        case Qt::Key_End:
            m_model->followLatest();
            break;
        default:
            return QAbstractScrollArea::keyPressEvent(event);
    }
    event->accept();
}

void TimelineStrip::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollRange();
}

void TimelineStrip::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        viewport()->update();
    } else if (event->type() == QEvent::PaletteChange) {
        viewport()->update();
    }
}

}  // namespace milr

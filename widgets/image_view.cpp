// Painting of the image view: integer nearest-neighbour scaling in device pixels and the token-grid overlay.
#include "widgets/image_view.h"

#include <QPainter>
#include <QPaintEvent>

#include <algorithm>

#include "core/milr/step_record.h"
#include "widgets/highlight_palette.h"
#include "widgets/image_fit.h"
#include "widgets/qt_image.h"
#include "widgets/step_model.h"

namespace milr {

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    m_placeholder = tr("The image of each step appears here.");
}

void ImageView::setModel(StepModel* model) {
    attach_step_model(this, m_model, model,
                      showing_selected_record(
                          m_model, [this](const StepRecord& r) { showRecord(r); }, [this] { clearImage(); }));
    refreshFromModel();
}

void ImageView::refreshFromModel() {
    if (const StepRecord* record = m_model ? m_model->selectedRecord() : nullptr) showRecord(*record);
}

void ImageView::showRecord(const StepRecord& record) {
    m_image = to_qimage(record.image);
    const bool gridValid = record.grid_width > 0 && record.grid_height > 0;
    m_gridWidth = gridValid ? record.grid_width : 0;
    m_gridHeight = gridValid ? record.grid_height : 0;
    const int cells = m_gridWidth * m_gridHeight;
    m_optimisedCells = std::clamp(record.optimised_image_tokens, 0, cells);
    auto valid = [cells](const std::vector<int>& indices) {
        std::vector<int> kept;
        for (int i : indices)
            if (i >= 0 && i < cells) kept.push_back(i);
        return kept;
    };
    m_changedSincePrevious = valid(record.image_changed_since_previous);
    m_changedSinceInitial = valid(record.image_changed_since_initial);
    m_placeholder = m_image.isNull() ? tr("Step %1 has no image.").arg(record.step) : QString();
    update();
    emit viewUpdated(record.step);
}

void ImageView::clearImage() {
    m_image = QImage();
    m_gridWidth = m_gridHeight = m_optimisedCells = 0;
    m_changedSincePrevious.clear();
    m_changedSinceInitial.clear();
    m_placeholder = tr("The image of each step appears here.");
    update();
}

void ImageView::setLayerVisible(Layer layer, bool visible) {
    m_layers[static_cast<int>(layer)] = visible;
    update();
}

bool ImageView::isLayerVisible(Layer layer) const { return m_layers[static_cast<int>(layer)]; }

int ImageView::integerScale() const {
    return m_image.isNull() ? 0 : fit_image(m_image.size(), QRectF(rect()), devicePixelRatioF()).factor;
}

QRectF ImageView::imageRect() const {
    return m_image.isNull() ? QRectF() : fit_image(m_image.size(), QRectF(rect()), devicePixelRatioF()).rect;
}

QRectF ImageView::cellRect(int cell) const {
    if (m_gridWidth <= 0 || m_gridHeight <= 0 || cell < 0 || cell >= m_gridWidth * m_gridHeight) return {};
    const QRectF area = imageRect();
    if (area.isEmpty()) return {};
    const qreal cellWidth = area.width() / m_gridWidth;
    const qreal cellHeight = area.height() / m_gridHeight;
    const int column = cell % m_gridWidth;
    const int row = cell / m_gridWidth;
    return QRectF(area.left() + column * cellWidth, area.top() + row * cellHeight, cellWidth, cellHeight);
}

std::vector<int> ImageView::overlayCells(Layer layer) const {
    if (!isLayerVisible(layer) || m_gridWidth <= 0 || m_gridHeight <= 0) return {};
    switch (layer) {
        case Layer::GridLines: {
            std::vector<int> all(static_cast<size_t>(m_gridWidth * m_gridHeight));
            for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
            return all;
        }
        case Layer::OptimisedPrefix: {
            std::vector<int> prefix(static_cast<size_t>(m_optimisedCells));
            for (size_t i = 0; i < prefix.size(); ++i) prefix[i] = static_cast<int>(i);
            return prefix;
        }
        case Layer::ChangedSinceInitial:
            return m_changedSinceInitial;
        case Layer::ChangedSincePrevious:
            return m_changedSincePrevious;
    }
    return {};
}

QSize ImageView::sizeHint() const { return QSize(420, 420); }
QSize ImageView::minimumSizeHint() const { return QSize(160, 160); }

void ImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, integerScale() == 0);
    painter.drawImage(target, m_image);

    if (m_gridWidth <= 0 || m_gridHeight <= 0) return;
    painter.setRenderHint(QPainter::Antialiasing, false);
    // The picture must stay readable under the marks (MILR re-samples nearly every cell at each step): a light wash
    // of each highlight colour, and for the latest edit an outline inside the cell as well.
    const auto wash = [](QColor colour, int alpha) {
        colour.setAlpha(alpha);
        return colour;
    };
    for (int cell : overlayCells(Layer::ChangedSinceInitial))
        painter.fillRect(cellRect(cell), wash(HighlightPalette::changedSinceInitial(), 40));
    const std::vector<int> latest = overlayCells(Layer::ChangedSincePrevious);
    painter.setPen(QPen(wash(HighlightPalette::changedSincePrevious(), 210), 1));
    for (int cell : latest) {
        const QRectF rect = cellRect(cell);
        painter.fillRect(rect, wash(HighlightPalette::changedSincePrevious(), 30));
        painter.drawRect(rect.adjusted(2.5, 2.5, -2.5, -2.5));
    }
    if (isLayerVisible(Layer::GridLines)) {
        painter.setPen(QPen(HighlightPalette::gridLine(), 0));
        for (int column = 1; column < m_gridWidth; ++column) {
            const qreal x = target.left() + column * target.width() / m_gridWidth;
            painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()));
        }
        for (int row = 1; row < m_gridHeight; ++row) {
            const qreal y = target.top() + row * target.height() / m_gridHeight;
            painter.drawLine(QPointF(target.left(), y), QPointF(target.right(), y));
        }
    }
    const std::vector<int> prefix = overlayCells(Layer::OptimisedPrefix);
    if (!prefix.empty()) {
        QPen pen(HighlightPalette::optimisedPrefix(), 2);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        for (int cell : prefix) painter.drawRect(cellRect(cell).adjusted(1, 1, -1, -1));
    }
}

}  // namespace milr

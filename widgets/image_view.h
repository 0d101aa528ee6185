// The current image, large and crisp at any DPI, with an optional overlay of the image-token grid.
#pragma once
#include <QImage>
#include <QRectF>
#include <QWidget>

#include <vector>

namespace milr {

class StepModel;
struct StepRecord;

// Scaling: when the image fits at least once, it is drawn with nearest-neighbour sampling at the largest integer
// factor that fits, counted in device pixels (so a 384 px image is 2x on a 1x screen of 800 px, and still sharp at
// 1.5x or 2x device-pixel ratios); when it does not fit, it is scaled down smoothly. The overlay is drawn over the
// image: grid lines, the optimised prefix cells (the first m_v cells in raster order, outlined), the cells changed
// since the initial image (soft fill) and since the previous step (strong fill). Each layer has a toggle.
class ImageView : public QWidget {
    Q_OBJECT
public:
    enum class Layer { GridLines, OptimisedPrefix, ChangedSinceInitial, ChangedSincePrevious };

    explicit ImageView(QWidget* parent = nullptr);

    // Reads the selected record of `model` whenever a record is appended or the selection changes.
    void setModel(StepModel* model);
    void showRecord(const StepRecord& record);
    void clearImage();

    void setLayerVisible(Layer layer, bool visible);
    bool isLayerVisible(Layer layer) const;

    const QImage& image() const { return m_image; }
    // Where the image is drawn, in widget (logical) coordinates, and the integer factor in device pixels (0 when
    // the image is scaled down smoothly).
    QRectF imageRect() const;
    int integerScale() const;
    // The rectangle of grid cell `cell` (raster order) in widget coordinates; empty when there is no grid.
    QRectF cellRect(int cell) const;
    // The cells a layer marks now (empty when the layer is hidden or there is no grid).
    std::vector<int> overlayCells(Layer layer) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // Emitted after the view took a new record (once per appended record while following the latest step).
    void viewUpdated(int step);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void refreshFromModel();

    StepModel* m_model = nullptr;
    QImage m_image;
    int m_gridWidth = 0;
    int m_gridHeight = 0;
    int m_optimisedCells = 0;
    std::vector<int> m_changedSincePrevious;
    std::vector<int> m_changedSinceInitial;
    bool m_layers[4] = {false, false, false, false};  // the clean picture until a toggle asks for marks
    QString m_placeholder;
};

}  // namespace milr

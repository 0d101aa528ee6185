// Two images compared: a swipe (one image over the other, a draggable vertical divider revealing the first on its
// left and the second on its right) or side by side; each with its caption above it.
#pragma once
#include <QImage>
#include <QWidget>

namespace milr {

class CompareCanvas : public QWidget {
    Q_OBJECT
public:
    enum class Arrangement { Swipe, SideBySide };

    explicit CompareCanvas(QWidget* parent = nullptr);

    // Side 0 is the first image, side 1 the second.
    void setImages(const QImage& first, const QString& firstCaption, const QImage& second,
                   const QString& secondCaption);
    void clearImages(const QString& placeholder);
    const QImage& image(int side) const { return m_images[side & 1]; }
    QString caption(int side) const { return m_captions[side & 1]; }

    void setArrangement(Arrangement arrangement);
    Arrangement arrangement() const { return m_arrangement; }
    // Swipe: the share of the image's width, from the left, that shows the first image (0..1).
    void setDivider(double fraction);
    double divider() const { return m_divider; }
    // The divider's x in widget coordinates (Swipe).
    qreal dividerX() const;

    // Where image `side` is drawn, in widget coordinates (in Swipe both images share one rectangle).
    QRectF imageRect(int side) const;
    // Side by side is drawn one above the other where that shows the images larger (a tall pane).
    bool isStacked() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void dividerMoved(double fraction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF imageArea(int side) const;
    int captionHeight() const;
    void drawSide(QPainter& painter, int side, const QRectF& clip) const;
    void drawDivider(QPainter& painter) const;
    void dragTo(qreal x);

    QImage m_images[2];
    QString m_captions[2];
    QString m_placeholder;
    Arrangement m_arrangement = Arrangement::Swipe;
    double m_divider = 0.5;
};

}  // namespace milr

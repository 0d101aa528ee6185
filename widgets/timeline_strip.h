// A strip of every step's thumbnail with its reward under it (the records of a StepModel, appended live): a click or
// Left/Right (Home/End) shows any step; the step on show is framed and the best reward is in bold.
#pragma once
#include <QAbstractScrollArea>
#include <QImage>

#include <vector>

namespace milr {

class StepModel;

class TimelineStrip : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineStrip(QWidget* parent = nullptr);

    void setModel(StepModel* model);
    StepModel* model() const { return m_model; }
    // Edge of the square a thumbnail fits in, in logical pixels (larger for an audience).
    void setThumbnailSize(int pixels);
    int thumbnailSize() const { return m_thumbnailSize; }

    int thumbnailCount() const { return static_cast<int>(m_thumbnails.size()); }
    // Where record `index` (its thumbnail and caption) is drawn, in viewport coordinates; empty when out of range.
    QRect thumbnailRect(int index) const;
    // The record index under viewport position `pos`, or -1.
    int indexAt(const QPoint& pos) const;
    // The caption under record `index`: its step and reward ("3 · 0.812").
    QString caption(int index) const;
    // The caption as drawn, fitted to the thumbnail's width: the reward alone ("0.812", then "0.81") when the step
    // and the reward do not fit (the tooltip has both).
    QString shownCaption(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The user clicked the thumbnail of a step (after it was selected).
    void stepClicked(int step);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QImage makeThumbnail(int index) const;
    void rebuild();
    void onAppended(int index);
    void updateScrollRange();
    void ensureVisible(int index);
    void selectIndex(int index);
    int cellWidth() const;
    int captionHeight() const;

    StepModel* m_model = nullptr;
    std::vector<QImage> m_thumbnails;
    int m_thumbnailSize = 64;
};

}  // namespace milr

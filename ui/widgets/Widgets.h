// Small widgets shared by the screens: an image label that loads off the GUI thread, a removable
// chip (the photo of a composed search, the reference of a generation), and a banner that says
// why a screen is disabled and what to do.
#pragma once

#include <QFrame>
#include <QLabel>

class QToolButton;

namespace uf::ui {

// Shows an image file scaled to fit; decoding runs on the I/O pool.
class AsyncImageLabel : public QLabel {
    Q_OBJECT
public:
    explicit AsyncImageLabel(int side, QWidget* parent = nullptr);
    void setImagePath(const QString& path);
    void setImage(const QImage& image);
    QString imagePath() const { return m_path; }
    bool isLoading() const { return m_loading; }
    void setPlaceholder(const QString& text);

Q_SIGNALS:
    void loaded(bool ok);

private:
    int m_side;
    int m_generation = 0;
    bool m_loading = false;
    QString m_path;
    QString m_placeholder;
};

// A rounded chip with a small image, a label and a × button that emits removeRequested().
class Chip : public QFrame {
    Q_OBJECT
public:
    explicit Chip(QWidget* parent = nullptr);
    void setContent(const QString& text, const QImage& image = {}, const QString& imagePath = {});
    QString text() const;
    QToolButton* removeButton() const { return m_remove; }

Q_SIGNALS:
    void removeRequested();

private:
    AsyncImageLabel* m_image;
    QLabel* m_text;
    QToolButton* m_remove;
};

// A full-width notice over a screen: icon, a sentence saying what is missing and what to do.
class Banner : public QFrame {
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);
    void setText(const QString& text);
    QString text() const;

private:
    QLabel* m_icon;
    QLabel* m_text;
};

} // namespace uf::ui

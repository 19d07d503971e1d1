// Settings: catalog (open, reopen at start, demo), model pack, device (CUDA/CPU) and threads,
// language. Remembered with QSettings as soon as they change.
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace uf::ui {

class AppContext;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(AppContext* context, QWidget* parent = nullptr);

    QComboBox* languageBox() const { return m_language; }
    QComboBox* deviceBox() const { return m_device; }
    QLineEdit* catalogField() const { return m_catalog; }

private:
    void refresh();

    AppContext* m_context;
    QLineEdit* m_catalog;
    QCheckBox* m_reopen;
    QPushButton* m_demo;
    QLabel* m_catalogStatus;
    QLineEdit* m_pack;
    QLabel* m_packStatus;
    QComboBox* m_device;
    QSpinBox* m_threads;
    QComboBox* m_language;
    QLabel* m_languageNote;
};

} // namespace uf::ui

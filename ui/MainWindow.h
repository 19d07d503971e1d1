// The application's main window (placeholder until the desktop issue lands).
#pragma once
#include <QMainWindow>
namespace uf::ui {
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};
}

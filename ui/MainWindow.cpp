#include "MainWindow.h"
namespace uf::ui {
MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) { setWindowTitle(tr("UniFashion Studio")); }
}

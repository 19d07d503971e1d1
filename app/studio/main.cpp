// unifashion-studio: the desktop application. All logic lives in ui/ and core/.
#include "MainWindow.h"
#include <QApplication>
int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    uf::ui::MainWindow w;
    w.show();
    return app.exec();
}

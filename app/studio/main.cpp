// unifashion-studio: the desktop application. All logic lives in ui/ (StudioApp) and core/.
//   unifashion-studio [--catalog DIR] [--lang ja|en] [--screenshot-dir DIR --quit-after-screenshots]
#include "StudioApp.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    return uf::ui::runStudio(app);
}

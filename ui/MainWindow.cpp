#include "MainWindow.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "models/CatalogModel.h"
#include "pages/AuditPage.h"
#include "pages/CatalogPage.h"
#include "pages/GeneratePage.h"
#include "pages/SearchPage.h"
#include "pages/SettingsPage.h"
#include "pages/TasksPage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

#include "common/BuildInfo.h"

namespace uf::ui {

MainWindow::MainWindow(AppContext* context, QWidget* parent) : QMainWindow(parent), m_context(context)
{
    setWindowIcon(appIcon());
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_sidebar = new QListWidget(central);
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setAccessibleName(tr("Screens"));
    m_stack = new QStackedWidget(central);

    m_catalog = new CatalogPage(context, m_stack);
    m_search = new SearchPage(context, m_stack);
    m_generate = new GeneratePage(context, m_stack);
    m_audit = new AuditPage(context, m_stack);
    m_tasks = new TasksPage(context, m_stack);
    m_settings = new SettingsPage(context, m_stack);
    struct Entry {
        QWidget* page;
        const char* icon;
        QString text;
        QString tip;
    };
    const Entry entries[] = {
        {m_catalog, "catalog", tr("Catalog"), tr("Browse the products (Ctrl+1)")},
        {m_search, "search", tr("Search"), tr("Search by text, photo, or both (Ctrl+2)")},
        {m_generate, "generate", tr("Generate"), tr("Draw variations and draft descriptions (Ctrl+3)")},
        {m_audit, "audit", tr("Audit"), tr("Approve or reject generated outputs (Ctrl+4)")},
        {m_tasks, "tasks", tr("Tasks"), tr("Import, index, fine-tune, evaluate (Ctrl+5)")},
        {m_settings, "settings", tr("Settings"), tr("Catalog, model, device, language (Ctrl+6)")},
    };
    int textWidth = 0;
    for (const Entry& e : entries) {
        m_stack->addWidget(e.page);
        auto* item = new QListWidgetItem(icon(QString::fromLatin1(e.icon)), e.text, m_sidebar);
        item->setToolTip(e.tip);
        item->setSizeHint(QSize(0, 40));
        textWidth = std::max(textWidth, fontMetrics().horizontalAdvance(e.text));
    }
    m_sidebar->setFixedWidth(textWidth + 24 + 48);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_sidebar->setCurrentRow(0);

    m_statusCatalog = new QLabel(this);
    m_statusModel = new QLabel(this);
    statusBar()->addWidget(m_statusCatalog, 1);
    statusBar()->addPermanentWidget(m_statusModel);
    buildMenus();

    // Cross-screen requests.
    connect(context, &AppContext::similarRequested, this, [this](const QString& sku) {
        m_search->setProduct(sku);
        showPage(SearchScreen);
        m_search->runSearch();
    });
    connect(context, &AppContext::generateFromRequested, this, [this](const QString& sku) {
        m_generate->setReferenceProduct(sku);
        showPage(GenerateScreen);
        m_generate->promptField()->setFocus();
    });
    connect(context, &AppContext::describeRequested, this, [this](const QString& sku) {
        m_generate->prepareDescription(sku);
        showPage(GenerateScreen);
    });
    connect(context, &AppContext::showProductRequested, this, [this](const QString& sku) {
        showPage(CatalogScreen);
        m_catalog->showProduct(sku);
    });
    connect(m_generate, &GeneratePage::openReviewQueue, this, [this] { showPage(AuditScreen); });
    connect(context, &AppContext::catalogChanged, this, [this] {
        updateTitle();
        updateStatus();
    });
    connect(context, &AppContext::modelSettingsChanged, this, &MainWindow::updateStatus);
    connect(m_catalog->model(), &CatalogModel::loadingChanged, this, &MainWindow::updateStatus);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(icon(QStringLiteral("folder")), tr("&Open catalog…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open catalog folder"), m_context->catalogPath());
        if (dir.isEmpty())
            return;
        if (!AppContext::isCatalogFolder(dir)) {
            QMessageBox::warning(this, tr("Not a catalog"),
                                 tr("%1 holds no catalog (catalog.sqlite is missing). Choose the folder made by "
                                    "“unifashion import” or “unifashion demo”.")
                                     .arg(QDir::toNativeSeparators(dir)));
            return;
        }
        m_context->setCatalogPath(dir);
    });
    QAction* import = file->addAction(icon(QStringLiteral("import")), tr("&Import products…"));
    connect(import, &QAction::triggered, this, [this] {
        showPage(TasksScreen);
        m_tasks->tabs()->setCurrentIndex(TasksPage::ImportTab);
        m_tasks->importFileField()->setFocus();
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* find = edit->addAction(icon(QStringLiteral("search")), tr("&Find…"));
    find->setShortcut(QKeySequence::Find);
    find->setToolTip(tr("Search the catalog"));
    connect(find, &QAction::triggered, this, &MainWindow::findAction);
    // Text fields handle Ctrl+V themselves (ShortcutOverride), so this fires only elsewhere.
    QAction* paste = edit->addAction(icon(QStringLiteral("paste")), tr("&Paste photo to search"));
    paste->setShortcut(QKeySequence::Paste);
    connect(paste, &QAction::triggered, this, [this] {
        if (!pastePhotoAction())
            statusBar()->showMessage(tr("The clipboard holds no image to search with."), 4000);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < PageCount; ++i) {
        QAction* a = view->addAction(m_sidebar->item(i)->icon(), m_sidebar->item(i)->text());
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { showPage(static_cast<Page>(i)); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About UniFashion Studio"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About UniFashion Studio"),
                           tr("<b>UniFashion Studio %1</b><p>Search and generate fashion images with one model, in "
                              "Japanese and English. Every generated output waits for a reviewer's approval.</p>")
                               .arg(QString::fromLatin1(kAppVersion)));
    });
}

void MainWindow::showPage(Page page) { m_sidebar->setCurrentRow(page); }

MainWindow::Page MainWindow::currentPage() const { return static_cast<Page>(m_stack->currentIndex()); }

QString MainWindow::pageKey(Page page)
{
    switch (page) {
    case CatalogScreen: return QStringLiteral("catalog");
    case SearchScreen: return QStringLiteral("search");
    case GenerateScreen: return QStringLiteral("generate");
    case AuditScreen: return QStringLiteral("audit");
    case TasksScreen: return QStringLiteral("tasks");
    case SettingsScreen: return QStringLiteral("settings");
    case PageCount: break;
    }
    return {};
}

bool MainWindow::isBusy() const { return m_catalog->isBusy() || m_search->isBusy() || m_audit->isBusy() || m_tasks->isBusy(); }

void MainWindow::findAction()
{
    showPage(SearchScreen);
    m_search->focusQuery();
}

bool MainWindow::pastePhotoAction()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime || (!mime->hasImage() && !mime->hasUrls()))
        return false;
    if (!m_search->pastePhoto())
        return false;
    showPage(SearchScreen);
    m_search->focusQuery();
    return true;
}

void MainWindow::updateTitle()
{
    const QString cat = m_context->catalogPath();
    setWindowTitle(cat.isEmpty() ? tr("UniFashion Studio") : tr("%1 — UniFashion Studio").arg(QDir(cat).dirName()));
}

void MainWindow::updateStatus()
{
    const QString cat = m_context->catalogPath();
    if (cat.isEmpty()) {
        m_statusCatalog->setText(tr("No catalog open"));
    } else {
        const qint64 total = m_catalog->model()->expectedTotal();
        m_statusCatalog->setText(total >= 0 ? tr("Catalog: %1 · %2 products").arg(QDir::toNativeSeparators(cat), QLocale().toString(total))
                                            : tr("Catalog: %1").arg(QDir::toNativeSeparators(cat)));
    }
    const QString pack = m_context->modelPackPath();
    m_statusModel->setText(pack.isEmpty() ? tr("No model pack") : tr("Model: %1 (%2)").arg(QDir(pack).dirName(), m_context->device().toUpper()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_context->settings().setWindowGeometry(saveGeometry());
    JobRunner::cancelAll();
    event->accept();
}

} // namespace uf::ui

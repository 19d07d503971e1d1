// The application's main window: a sidebar of screens (Catalog, Search, Generate, Audit, Tasks,
// Settings) over a stack of pages, the menus with the keyboard shortcuts (Ctrl+F search, Ctrl+V
// paste a photo, Ctrl+1…6 screens, Ctrl+O open a catalog), and a status bar with the catalog.
#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace uf::ui {

class AppContext;
class AuditPage;
class CatalogPage;
class GeneratePage;
class SearchPage;
class SettingsPage;
class TasksPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { CatalogScreen, SearchScreen, GenerateScreen, AuditScreen, TasksScreen, SettingsScreen, PageCount };
    Q_ENUM(Page)

    explicit MainWindow(AppContext* context, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    // A short file-system name for screenshots ("catalog", "search", …).
    static QString pageKey(Page page);

    CatalogPage* catalogPage() const { return m_catalog; }
    SearchPage* searchPage() const { return m_search; }
    GeneratePage* generatePage() const { return m_generate; }
    AuditPage* auditPage() const { return m_audit; }
    TasksPage* tasksPage() const { return m_tasks; }
    SettingsPage* settingsPage() const { return m_settings; }
    QListWidget* sidebar() const { return m_sidebar; }

    // Something is still loading (catalog pages, details, a preview, a report): screenshots wait.
    bool isBusy() const;

    // Ctrl+F and Ctrl+V, also callable from tests.
    void findAction();
    bool pastePhotoAction();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void updateTitle();
    void updateStatus();

    AppContext* m_context;
    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    CatalogPage* m_catalog;
    SearchPage* m_search;
    GeneratePage* m_generate;
    AuditPage* m_audit;
    TasksPage* m_tasks;
    SettingsPage* m_settings;
    QLabel* m_statusCatalog;
    QLabel* m_statusModel;
};

} // namespace uf::ui

// Search screen: one field for Japanese or English text; a photo (dropped, pasted, chosen, or a
// product's for "search similar") shown as a removable chip — photo and text together make a
// composed search ("like this, but in navy"); results with scores under a relevance cut-off
// slider; recent searches.
#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSlider;
class QToolButton;

namespace uf::ui {

class AppContext;
class Banner;
class Chip;
class RecentSearchesModel;
class ScoreCutoffProxy;
class SearchResultsModel;
struct RecentSearch;

class SearchPage : public QWidget {
    Q_OBJECT
public:
    explicit SearchPage(AppContext* context, QWidget* parent = nullptr);

    QLineEdit* queryField() const { return m_query; }
    QPushButton* searchButton() const { return m_search; }
    QSlider* cutoffSlider() const { return m_cutoff; }
    QLabel* summary() const { return m_summary; }
    SearchResultsModel* results() const { return m_results; }
    ScoreCutoffProxy* visibleResults() const { return m_proxy; }
    RecentSearchesModel* recent() const { return m_recent; }
    Chip* photoChip() const { return m_chip; }
    Banner* banner() const { return m_banner; }
    bool hasPhoto() const;
    bool isBusy() const { return m_busy; }

    // Focuses the text field (Ctrl+F).
    void focusQuery();
    // Uses the clipboard's image (or image file) as the photo; false when it holds none (Ctrl+V).
    bool pastePhoto();
    void setPhotoFile(const QString& path);
    void setPhotoImage(const QImage& image);
    void setProduct(const QString& sku); // "search similar"
    void clearPhoto();
    // Runs the search for the current text and photo.
    void runSearch();
    // Refreshes what is enabled (catalog opened, index built).
    void updateAvailability();

Q_SIGNALS:
    void searchFinished(int results);
    void searchFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void runRecent(const RecentSearch& s);
    void updateSummary();

    AppContext* m_context;
    Banner* m_banner;
    QLineEdit* m_query;
    QPushButton* m_search;
    QToolButton* m_photoButton;
    QToolButton* m_pasteButton;
    Chip* m_chip;
    QString m_photoPath;
    QString m_photoSku;
    QSlider* m_cutoff;
    QLabel* m_cutoffLabel;
    QLabel* m_summary;
    QListView* m_resultsView;
    SearchResultsModel* m_results;
    ScoreCutoffProxy* m_proxy;
    QListView* m_recentView;
    RecentSearchesModel* m_recent;
    int m_generation = 0;
    bool m_busy = false;
    double m_tookMs = 0;
    QStringList m_corrections;
};

} // namespace uf::ui

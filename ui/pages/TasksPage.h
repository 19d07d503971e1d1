// Catalog tasks: import (file chooser, preview of the column mapping and encoding, rejected rows
// with reasons), indexing, phase-2 fine-tuning with a live loss plot, and the evaluation
// dashboard (Recall@K bars, data-readiness report, per-category / per-attribute breakdowns).
#pragma once

#include <QMap>
#include <QWidget>

#include <memory>

class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QValueAxis;

namespace uf::ui {

class AppContext;
class Banner;
class BreakdownModel;
class ColumnMappingModel;
class JobPanel;
class JobRunner;
class RejectedRowsModel;
struct LossBuffer;

class TasksPage : public QWidget {
    Q_OBJECT
public:
    explicit TasksPage(AppContext* context, QWidget* parent = nullptr);
    ~TasksPage() override;

    enum Tab { ImportTab, IndexTab, TrainTab, EvalTab };
    QTabWidget* tabs() const { return m_tabs; }

    // Import
    QLineEdit* importFileField() const { return m_importFile; }
    QPushButton* importButton() const { return m_importButton; }
    JobRunner* importRunner() const { return m_importRunner; }
    JobPanel* importPanel() const { return m_importPanel; }
    ColumnMappingModel* mappingModel() const { return m_mapping; }
    RejectedRowsModel* rejectedModel() const { return m_rejected; }
    QLabel* previewSummary() const { return m_previewSummary; }
    QLabel* importSummary() const { return m_importSummary; }
    void setImportFile(const QString& file); // and preview it
    void startImport();
    bool isPreviewing() const { return m_previewing; }

    // Index
    JobRunner* indexRunner() const { return m_indexRunner; }
    QPushButton* indexButton() const { return m_indexButton; }
    void startIndex();

    // Fine-tuning
    JobRunner* trainRunner() const { return m_trainRunner; }
    QPushButton* trainButton() const { return m_trainButton; }
    QLineSeries* lossSeries() const { return m_loss; }
    QSpinBox* trainStepsBox() const { return m_trainSteps; }
    QLineEdit* trainOutField() const { return m_trainOut; }
    void startTraining();

    // Evaluation and readiness
    JobRunner* evalRunner() const { return m_evalRunner; }
    BreakdownModel* breakdownModel() const { return m_breakdown; }
    QTextBrowser* readinessView() const { return m_readiness; }
    QPushButton* readinessButton() const { return m_readinessButton; }
    QPushButton* evalButton() const { return m_evalButton; }
    QChart* recallChart() const { return m_recallChart; }
    void startReadiness();
    void startEvaluation();
    bool isBusy() const;

Q_SIGNALS:
    void previewReady(int columns);
    void importFinished(qint64 imported, qint64 rejected);
    void readinessReady();

private:
    QWidget* buildImportTab();
    QWidget* buildIndexTab();
    QWidget* buildTrainTab();
    QWidget* buildEvalTab();
    void updateAvailability();
    void drainLoss();
    void styleChart(QChart* chart);

    AppContext* m_context;
    QTabWidget* m_tabs;

    Banner* m_importBanner;
    QLineEdit* m_importFile;
    QRadioButton* m_copyImages;
    QRadioButton* m_referenceImages;
    QLabel* m_previewSummary;
    ColumnMappingModel* m_mapping;
    QTableView* m_mappingView;
    QPushButton* m_importButton;
    JobRunner* m_importRunner;
    JobPanel* m_importPanel;
    QLabel* m_importSummary;
    RejectedRowsModel* m_rejected;
    QTableView* m_rejectedView;
    bool m_previewing = false;
    int m_previewGeneration = 0;

    Banner* m_indexBanner;
    QLabel* m_indexStatus;
    QPushButton* m_indexButton;
    JobRunner* m_indexRunner;
    JobPanel* m_indexPanel;

    Banner* m_trainBanner;
    QSpinBox* m_trainSteps;
    QSpinBox* m_trainMinutes;
    QLineEdit* m_trainOut;
    QPushButton* m_trainButton;
    JobRunner* m_trainRunner;
    JobPanel* m_trainPanel;
    QChart* m_lossChart;
    QLineSeries* m_loss;
    QMap<QString, QLineSeries*> m_lossSeries; // by loss name
    QValueAxis* m_lossX;
    QValueAxis* m_lossY;
    std::shared_ptr<LossBuffer> m_lossBuffer;
    QTimer* m_lossTimer;

    Banner* m_evalBanner;
    QPushButton* m_evalButton;
    JobRunner* m_evalRunner;
    JobPanel* m_evalPanel;
    QChart* m_recallChart;
    QPushButton* m_readinessButton;
    JobRunner* m_readinessRunner;
    JobPanel* m_readinessPanel;
    QTextBrowser* m_readiness;
    BreakdownModel* m_breakdown;
    QTableView* m_breakdownView;
    bool m_readinessDone = false;
};

} // namespace uf::ui

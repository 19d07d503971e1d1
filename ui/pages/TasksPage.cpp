#include "pages/TasksPage.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "common/Style.h"
#include "common/Vocabulary.h"
#include "models/TaskModels.h"
#include "widgets/Widgets.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QMutex>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace uf::ui {

// Loss points from the training worker, drained by the GUI every 100 ms.
struct LossBuffer {
    QMutex mutex;
    QList<std::pair<QString, QPointF>> points; // guarded by mutex
    QString lastLog;                           // guarded by mutex
};

namespace {
QTableView* makeTable(QWidget* parent)
{
    auto* t = new QTableView(parent);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    return t;
}
} // namespace

TasksPage::TasksPage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildImportTab(), icon(QStringLiteral("import")), tr("Import"));
    m_tabs->addTab(buildIndexTab(), icon(QStringLiteral("index")), tr("Index"));
    m_tabs->addTab(buildTrainTab(), icon(QStringLiteral("train")), tr("Fine-tuning"));
    m_tabs->addTab(buildEvalTab(), icon(QStringLiteral("eval")), tr("Evaluation"));
    layout->addWidget(m_tabs);
    connect(context, &AppContext::catalogChanged, this, [this] {
        m_readinessDone = false;
        m_rejected->setRows({});
        m_importSummary->clear();
        updateAvailability();
    });
    connect(context, &AppContext::modelSettingsChanged, this, &TasksPage::updateAvailability);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == EvalTab && !m_readinessDone && m_readinessButton->isEnabled())
            startReadiness();
    });
    updateAvailability();
}

TasksPage::~TasksPage() = default;

bool TasksPage::isBusy() const
{
    return m_previewing || m_importRunner->isRunning() || m_indexRunner->isRunning() || m_trainRunner->isRunning()
        || m_evalRunner->isRunning() || m_readinessRunner->isRunning();
}

void TasksPage::styleChart(QChart* chart)
{
    // Follow the system palette (light or dark) rather than a fixed chart theme.
    const QPalette pal = palette();
    chart->setTheme(isDarkPalette(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->setMargins(QMargins(4, 4, 4, 4));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
    }
}

// ---- Import -------------------------------------------------------------------------------------

QWidget* TasksPage::buildImportTab()
{
    auto* tab = new QWidget(this);
    auto* l = new QVBoxLayout(tab);
    m_importBanner = new Banner(tab);
    l->addWidget(m_importBanner);

    auto* fileRow = new QHBoxLayout;
    m_importFile = new QLineEdit(tab);
    m_importFile->setPlaceholderText(tr("A CSV (UTF-8 or Shift_JIS), TSV or JSON Lines file"));
    m_importFile->setToolTip(tr("The product list to import; image paths in it are relative to the file"));
    auto* choose = new QPushButton(icon(QStringLiteral("folder")), tr("Choose file…"), tab);
    fileRow->addWidget(new QLabel(tr("File"), tab));
    fileRow->addWidget(m_importFile, 1);
    fileRow->addWidget(choose);
    l->addLayout(fileRow);

    auto* optRow = new QHBoxLayout;
    m_copyImages = new QRadioButton(tr("Copy images into the catalog"), tab);
    m_copyImages->setToolTip(tr("The catalog keeps its own copy; moving the originals does no harm"));
    m_referenceImages = new QRadioButton(tr("Reference images where they are"), tab);
    m_referenceImages->setToolTip(tr("Saves space; the images must stay where they are (read-only)"));
    m_copyImages->setChecked(true);
    auto* group = new QButtonGroup(tab);
    group->addButton(m_copyImages);
    group->addButton(m_referenceImages);
    optRow->addWidget(m_copyImages);
    optRow->addWidget(m_referenceImages);
    optRow->addStretch(1);
    l->addLayout(optRow);

    auto* splitter = new QSplitter(Qt::Vertical, tab);
    auto* previewBox = new QGroupBox(tr("Preview: column mapping and encoding"), splitter);
    auto* pl = new QVBoxLayout(previewBox);
    m_previewSummary = new QLabel(tr("Choose a file to see how its columns will be read."), previewBox);
    m_previewSummary->setWordWrap(true);
    pl->addWidget(m_previewSummary);
    m_mapping = new ColumnMappingModel(this);
    m_mappingView = makeTable(previewBox);
    m_mappingView->setModel(m_mapping);
    m_mappingView->setColumnWidth(ColumnMappingModel::SourceColumn, 160);
    m_mappingView->setColumnWidth(ColumnMappingModel::FieldColumn, 220);
    pl->addWidget(m_mappingView);

    auto* resultBox = new QGroupBox(tr("Result"), splitter);
    auto* rl = new QVBoxLayout(resultBox);
    auto* runRow = new QHBoxLayout;
    m_importButton = new QPushButton(icon(QStringLiteral("import")), tr("Import"), resultBox);
    m_importButton->setToolTip(tr("Import the file; bad rows are listed below and the rest is imported"));
    m_importRunner = new JobRunner(this);
    m_importPanel = new JobPanel(m_importRunner, resultBox);
    runRow->addWidget(m_importButton);
    runRow->addWidget(m_importPanel, 1);
    rl->addLayout(runRow);
    m_importSummary = new QLabel(resultBox);
    m_importSummary->setWordWrap(true);
    rl->addWidget(m_importSummary);
    m_rejected = new RejectedRowsModel(this);
    m_rejectedView = makeTable(resultBox);
    m_rejectedView->setModel(m_rejected);
    m_rejectedView->setColumnWidth(RejectedRowsModel::RowColumn, 60);
    m_rejectedView->setColumnWidth(RejectedRowsModel::FileColumn, 200);
    m_rejectedView->setAccessibleName(tr("Rejected rows"));
    rl->addWidget(m_rejectedView);
    l->addWidget(splitter, 1);

    setTabOrder(m_importFile, choose);
    setTabOrder(choose, m_copyImages);
    setTabOrder(m_copyImages, m_referenceImages);
    setTabOrder(m_referenceImages, m_mappingView);
    setTabOrder(m_mappingView, m_importButton);

    connect(choose, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a product file"), QString(),
                                                          tr("Product lists (*.csv *.tsv *.txt *.jsonl *.ndjson *.json);;All files (*)"));
        if (!file.isEmpty())
            setImportFile(file);
    });
    connect(m_importFile, &QLineEdit::editingFinished, this, [this] {
        if (!m_importFile->text().isEmpty())
            setImportFile(m_importFile->text());
    });
    connect(m_importButton, &QPushButton::clicked, this, &TasksPage::startImport);
    connect(m_importRunner, &JobRunner::runningChanged, this, &TasksPage::updateAvailability);
    return tab;
}

void TasksPage::setImportFile(const QString& file)
{
    if (m_importFile->text() != file)
        m_importFile->setText(file);
    m_mapping->setColumns({});
    if (!services::has(services::Feature::ImportPreview)) {
        m_previewSummary->setText(tr("The preview is not available in this build."));
        return;
    }
    const int generation = ++m_previewGeneration;
    m_previewing = true;
    m_previewSummary->setText(tr("Reading %1…").arg(QFileInfo(file).fileName()));
    setTone(m_previewSummary, Tone::Normal);
    runGuarded(ioPool(), [file] { return services::previewImport(file); })
        .then(this,
              [this, generation](const services::ImportPreview& p) {
                  if (generation != m_previewGeneration)
                      return;
                  m_previewing = false;
                  m_mapping->setColumns(p.columns);
                  QString s = tr("Format: %1 · Encoding: %2 · %n row(s)", nullptr, p.rows)
                                  .arg(p.format.toUpper(), p.encoding.toUpper());
                  if (p.badRows > 0)
                      s += QStringLiteral(" · ") + tr("%n row(s) with problems (listed after the import)", nullptr, p.badRows);
                  m_previewSummary->setText(s);
                  Q_EMIT previewReady(static_cast<int>(p.columns.size()));
              })
        .onFailed(this, [this, generation](const JobError& e) {
            if (generation != m_previewGeneration)
                return;
            m_previewing = false;
            m_previewSummary->setText(e.message() + QLatin1Char('\n') + e.detail());
            setTone(m_previewSummary, Tone::Error);
            Q_EMIT previewReady(0);
        });
}

void TasksPage::startImport()
{
    const QString file = m_importFile->text().trimmed();
    if (file.isEmpty()) {
        m_importPanel->setMessage(tr("Choose a file to import first."), true);
        return;
    }
    services::ImportRequest req;
    req.catalog = m_context->catalogPath();
    req.file = file;
    req.copyImages = m_copyImages->isChecked();
    m_rejected->setRows({});
    m_importSummary->clear();
    m_importRunner->start<services::ImportOutcome>(
        tr("Importing"), [req](const uf::ProgressFn& progress) { return services::importFile(req, progress); },
        [this](const services::ImportOutcome& r) {
            const QLocale loc;
            m_rejected->setRows(r.rejectedRows);
            QString s = tr("New: %1 · Updated: %2 · Unchanged: %3 · Rejected: %4")
                            .arg(loc.toString(r.inserted), loc.toString(r.updated), loc.toString(r.unchanged),
                                 loc.toString(r.rejected));
            if (r.cancelled)
                s = tr("Cancelled. What was imported so far is kept; import the file again to finish.") + QLatin1Char('\n') + s;
            m_importSummary->setText(s);
            setTone(m_importSummary, r.rejected > 0 ? Tone::Error : Tone::Normal);
            m_importPanel->setMessage(r.rejected > 0 ? tr("Some rows were rejected: see the reasons below, fix the file and "
                                                          "import it again (unchanged rows are skipped).")
                                                     : tr("Import finished."));
            m_context->notifyCatalogContentChanged();
            Q_EMIT importFinished(r.inserted + r.updated, r.rejected);
        });
}

// ---- Index --------------------------------------------------------------------------------------

QWidget* TasksPage::buildIndexTab()
{
    auto* tab = new QWidget(this);
    auto* l = new QVBoxLayout(tab);
    m_indexBanner = new Banner(tab);
    l->addWidget(m_indexBanner);
    auto* about = new QLabel(tr("The index lets you search the catalog by text and by photo. It embeds every product "
                                "image and description with the model pack; only new or changed products are embedded "
                                "again."),
                             tab);
    about->setWordWrap(true);
    l->addWidget(about);
    m_indexStatus = new QLabel(tab);
    m_indexStatus->setWordWrap(true);
    l->addWidget(m_indexStatus);
    auto* row = new QHBoxLayout;
    m_indexButton = new QPushButton(icon(QStringLiteral("index")), tr("Build index"), tab);
    m_indexButton->setToolTip(tr("Embed new and changed products and update the index"));
    m_indexRunner = new JobRunner(this);
    m_indexPanel = new JobPanel(m_indexRunner, tab);
    row->addWidget(m_indexButton);
    row->addWidget(m_indexPanel, 1);
    l->addLayout(row);
    l->addStretch(1);
    connect(m_indexButton, &QPushButton::clicked, this, &TasksPage::startIndex);
    connect(m_indexRunner, &JobRunner::runningChanged, this, &TasksPage::updateAvailability);
    return tab;
}

void TasksPage::startIndex()
{
    const QString folder = m_context->catalogPath();
    const QString pack = m_context->modelPackPath();
    const QString device = m_context->device();
    m_indexRunner->start<services::IndexOutcome>(
        tr("Indexing"),
        [folder, pack, device](const uf::ProgressFn& progress) { return services::buildIndex(folder, pack, device, progress); },
        [this](const services::IndexOutcome& r) {
            const QLocale loc;
            m_indexPanel->setMessage(r.cancelled ? tr("Cancelled. %1 of %2 products were embedded and are kept; build "
                                                      "again to finish.")
                                                       .arg(loc.toString(r.embedded), loc.toString(r.total))
                                                 : tr("Index ready: %1 products embedded.").arg(loc.toString(r.embedded)));
            m_context->notifyCatalogContentChanged();
            updateAvailability();
        });
}

// ---- Fine-tuning ----------------------------------------------------------------------------------

QWidget* TasksPage::buildTrainTab()
{
    auto* tab = new QWidget(this);
    auto* l = new QVBoxLayout(tab);
    m_trainBanner = new Banner(tab);
    l->addWidget(m_trainBanner);
    auto* about = new QLabel(tr("Phase 2 adapts the model to this catalog with composed examples (“the same dress in "
                                "navy”). Only the query transformer and adapters learn; the result is a new model pack."),
                             tab);
    about->setWordWrap(true);
    l->addWidget(about);
    auto* form = new QFormLayout;
    m_trainSteps = new QSpinBox(tab);
    m_trainSteps->setRange(10, 100000);
    m_trainSteps->setValue(300);
    m_trainSteps->setToolTip(tr("Training steps"));
    m_trainSteps->setMaximumWidth(200);
    form->addRow(tr("Steps"), m_trainSteps);
    m_trainMinutes = new QSpinBox(tab);
    m_trainMinutes->setRange(0, 600);
    m_trainMinutes->setSpecialValueText(tr("no limit"));
    m_trainMinutes->setToolTip(tr("Stop after this many minutes even if steps remain (0: no limit)"));
    m_trainMinutes->setMaximumWidth(200);
    form->addRow(tr("Time limit (minutes)"), m_trainMinutes);
    m_trainOut = new QLineEdit(tab);
    m_trainOut->setPlaceholderText(tr("Folder for the new model pack"));
    form->addRow(tr("Output pack"), m_trainOut);
    l->addLayout(form);
    auto* row = new QHBoxLayout;
    m_trainButton = new QPushButton(icon(QStringLiteral("train")), tr("Start fine-tuning"), tab);
    m_trainRunner = new JobRunner(this);
    m_trainPanel = new JobPanel(m_trainRunner, tab);
    row->addWidget(m_trainButton);
    row->addWidget(m_trainPanel, 1);
    l->addLayout(row);

    m_loss = new QLineSeries(this);
    m_loss->setName(tr("Training loss"));
    m_lossChart = new QChart;
    m_lossChart->addSeries(m_loss);
    m_lossX = new QValueAxis(m_lossChart);
    m_lossX->setTitleText(tr("Step"));
    m_lossX->setLabelFormat(QStringLiteral("%d"));
    m_lossX->setRange(0, 100);
    m_lossY = new QValueAxis(m_lossChart);
    m_lossY->setTitleText(tr("Loss"));
    m_lossY->setRange(0, 1);
    m_lossChart->addAxis(m_lossX, Qt::AlignBottom);
    m_lossChart->addAxis(m_lossY, Qt::AlignLeft);
    m_loss->attachAxis(m_lossX);
    m_loss->attachAxis(m_lossY);
    m_lossChart->legend()->hide();
    m_lossChart->setTitle(tr("Loss (live)"));
    styleChart(m_lossChart);
    auto* view = new QChartView(m_lossChart, tab);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    l->addWidget(view, 1);

    m_lossBuffer = std::make_shared<LossBuffer>();
    m_lossTimer = new QTimer(this);
    m_lossTimer->setInterval(100);
    connect(m_lossTimer, &QTimer::timeout, this, &TasksPage::drainLoss);
    connect(m_trainButton, &QPushButton::clicked, this, &TasksPage::startTraining);
    connect(m_trainRunner, &JobRunner::runningChanged, this, [this](bool running) {
        if (running)
            m_lossTimer->start();
        else {
            m_lossTimer->stop();
            drainLoss();
        }
        updateAvailability();
    });
    return tab;
}

void TasksPage::drainLoss()
{
    QList<std::pair<QString, QPointF>> points;
    QString log;
    {
        QMutexLocker lock(&m_lossBuffer->mutex);
        points.swap(m_lossBuffer->points);
        log = std::exchange(m_lossBuffer->lastLog, QString());
    }
    if (!log.isEmpty())
        m_trainPanel->setMessage(log);
    if (points.isEmpty())
        return;
    double maxY = m_lossY->max();
    double maxX = m_lossX->max();
    for (const auto& [name, p] : points) {
        // One line per named loss (composed, edit, …); the first is the one created with the chart.
        QLineSeries*& series = m_lossSeries[name];
        if (!series) {
            if (m_lossSeries.size() == 1 && m_loss->count() == 0) {
                series = m_loss;
            } else {
                series = new QLineSeries(this);
                m_lossChart->addSeries(series);
                series->attachAxis(m_lossX);
                series->attachAxis(m_lossY);
            }
            series->setName(name);
            m_lossChart->legend()->setVisible(m_lossSeries.size() > 1);
        }
        series->append(p);
        maxY = std::max(maxY, p.y() * 1.1);
        maxX = std::max(maxX, p.x());
    }
    m_lossY->setRange(0, maxY);
    m_lossX->setRange(0, maxX);
}

void TasksPage::startTraining()
{
    services::TrainRequest req;
    req.catalog = m_context->catalogPath();
    req.initPack = m_context->modelPackPath();
    req.device = m_context->device();
    req.steps = m_trainSteps->value();
    req.minutes = m_trainMinutes->value();
    req.outPack = m_trainOut->text().trimmed();
    if (req.outPack.isEmpty())
        req.outPack = QDir(req.catalog).filePath(QStringLiteral("models/phase2"));
    for (QLineSeries* series : std::as_const(m_lossSeries)) {
        if (series != m_loss) {
            m_lossChart->removeSeries(series);
            delete series;
        }
    }
    m_lossSeries.clear();
    m_loss->clear();
    m_lossChart->legend()->hide();
    m_lossX->setRange(0, req.steps);
    m_lossY->setRange(0, 1);
    auto buffer = m_lossBuffer;
    m_trainRunner->start<services::TrainOutcome>(
        tr("Fine-tuning"),
        [req, buffer](const uf::ProgressFn& progress) {
            return services::fineTune(
                req,
                [buffer](int step, const QString& name, double loss) {
                    QMutexLocker lock(&buffer->mutex);
                    buffer->points.append({name, QPointF(step, loss)});
                },
                [buffer](const QString& line) {
                    QMutexLocker lock(&buffer->mutex);
                    buffer->lastLog = line;
                },
                progress);
        },
        [this](const services::TrainOutcome& r) {
            m_trainPanel->setMessage(r.cancelled ? tr("Stopped after %1 steps; the checkpoint is kept in %2.").arg(r.steps).arg(r.outPack)
                                                 : tr("Done: %1 steps. New model pack: %2 (select it in Settings).")
                                                       .arg(r.steps)
                                                       .arg(r.outPack));
        });
}

// ---- Evaluation and readiness ---------------------------------------------------------------------

QWidget* TasksPage::buildEvalTab()
{
    auto* tab = new QWidget(this);
    auto* l = new QVBoxLayout(tab);
    m_evalBanner = new Banner(tab);
    l->addWidget(m_evalBanner);
    auto* top = new QHBoxLayout;

    auto* recallBox = new QGroupBox(tr("Retrieval quality (Recall@K)"), tab);
    auto* rl = new QVBoxLayout(recallBox);
    auto* evalRow = new QHBoxLayout;
    m_evalButton = new QPushButton(icon(QStringLiteral("eval")), tr("Run evaluation"), recallBox);
    m_evalButton->setToolTip(tr("Measure search quality on the catalog's test split"));
    m_evalRunner = new JobRunner(this);
    m_evalPanel = new JobPanel(m_evalRunner, recallBox);
    evalRow->addWidget(m_evalButton);
    evalRow->addWidget(m_evalPanel, 1);
    rl->addLayout(evalRow);
    m_recallChart = new QChart;
    m_recallChart->setTitle(tr("Recall@K"));
    m_recallChart->legend()->setAlignment(Qt::AlignBottom);
    styleChart(m_recallChart);
    auto* chartView = new QChartView(m_recallChart, recallBox);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumHeight(220);
    rl->addWidget(chartView, 1);
    top->addWidget(recallBox, 1);

    auto* readyBox = new QGroupBox(tr("Data readiness"), tab);
    auto* dl = new QVBoxLayout(readyBox);
    auto* readyRow = new QHBoxLayout;
    m_readinessButton = new QPushButton(icon(QStringLiteral("refresh")), tr("Check data"), readyBox);
    m_readinessButton->setToolTip(tr("Coverage, image statistics and attribute balance of the catalog"));
    m_readinessRunner = new JobRunner(this);
    m_readinessPanel = new JobPanel(m_readinessRunner, readyBox);
    readyRow->addWidget(m_readinessButton);
    readyRow->addWidget(m_readinessPanel, 1);
    dl->addLayout(readyRow);
    m_readiness = new QTextBrowser(readyBox);
    m_readiness->setOpenLinks(false);
    dl->addWidget(m_readiness, 1);
    top->addWidget(readyBox, 1);
    l->addLayout(top, 1);

    auto* breakdownBox = new QGroupBox(tr("Per category and attribute (bias review)"), tab);
    auto* bl = new QVBoxLayout(breakdownBox);
    m_breakdown = new BreakdownModel(this);
    m_breakdownView = makeTable(breakdownBox);
    m_breakdownView->setModel(m_breakdown);
    m_breakdownView->horizontalHeader()->setStretchLastSection(false);
    m_breakdownView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_breakdownView->horizontalHeader()->setSectionResizeMode(BreakdownModel::ValueColumn, QHeaderView::Stretch);
    m_breakdownView->setSortingEnabled(false);
    bl->addWidget(m_breakdownView);
    l->addWidget(breakdownBox, 1);

    connect(m_evalButton, &QPushButton::clicked, this, &TasksPage::startEvaluation);
    connect(m_readinessButton, &QPushButton::clicked, this, &TasksPage::startReadiness);
    connect(m_evalRunner, &JobRunner::runningChanged, this, &TasksPage::updateAvailability);
    connect(m_readinessRunner, &JobRunner::runningChanged, this, &TasksPage::updateAvailability);
    return tab;
}

void TasksPage::startReadiness()
{
    if (!m_context->hasCatalog() || !services::has(services::Feature::Report))
        return;
    const QString folder = m_context->catalogPath();
    m_readinessRunner->start<services::ReadinessSummary>(
        tr("Checking"), [folder](const uf::ProgressFn& progress) { return services::readiness(folder, progress); },
        [this](const services::ReadinessSummary& r) {
            m_readinessDone = true;
            const QLocale loc;
            QString html;
            html += QStringLiteral("<p><b>%1</b></p>").arg(tr("%1 products, %2 images").arg(loc.toString(r.products), loc.toString(r.images)));
            html += QStringLiteral("<p>%1<br>%2<br>%3</p>")
                        .arg(tr("Without an image: %1").arg(loc.toString(r.withoutImage)),
                             tr("Without a description: %1").arg(loc.toString(r.withoutDescription)),
                             tr("Images shared by several products: %1").arg(loc.toString(r.duplicates)));
            QStringList coverage;
            for (auto it = r.languageCoverage.cbegin(); it != r.languageCoverage.cend(); ++it)
                coverage << QStringLiteral("%1 %2%").arg(it.key() == QLatin1String("ja") ? tr("Japanese") : it.key() == QLatin1String("en") ? tr("English") : it.key(),
                                                         loc.toString(it.value() * 100.0, 'f', 0));
            if (!coverage.isEmpty())
                html += QStringLiteral("<p>%1 %2</p>").arg(tr("Descriptions:"), coverage.join(QStringLiteral(", ")).toHtmlEscaped());
            if (!r.categories.isEmpty()) {
                html += QStringLiteral("<table cellspacing=4><tr><th align=left>%1</th><th align=right>%2</th></tr>").arg(tr("Category"), tr("Products"));
                for (const auto& [cat, n] : r.categories)
                    html += QStringLiteral("<tr><td>%1</td><td align=right>%2</td></tr>")
                                .arg(Vocabulary::valueName(QStringLiteral("category"), cat).toHtmlEscaped(), loc.toString(n));
                html += QStringLiteral("</table>");
            }
            if (!r.warnings.isEmpty()) {
                html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Findings"));
                for (const QString& w : r.warnings)
                    html += QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
                html += QStringLiteral("</ul>");
            }
            m_readiness->setHtml(html);
            m_breakdown->setRows(r.balance);
            m_readinessPanel->setMessage(QString());
            Q_EMIT readinessReady();
        });
}

void TasksPage::startEvaluation()
{
    const QString folder = m_context->catalogPath();
    const QString pack = m_context->modelPackPath();
    const QString device = m_context->device();
    m_evalRunner->start<services::EvalOutcome>(
        tr("Evaluating"),
        [folder, pack, device](const uf::ProgressFn& progress) { return services::evaluate(folder, pack, device, progress); },
        [this](const services::EvalOutcome& r) {
            m_recallChart->removeAllSeries();
            for (QAbstractAxis* a : m_recallChart->axes())
                m_recallChart->removeAxis(a);
            auto* series = new QBarSeries;
            for (const auto& [name, values] : r.recall) {
                auto* set = new QBarSet(name);
                for (double v : values)
                    *set << v;
                series->append(set);
            }
            m_recallChart->addSeries(series);
            auto* x = new QBarCategoryAxis;
            x->append(r.kLabels);
            auto* y = new QValueAxis;
            y->setRange(0, 1);
            m_recallChart->addAxis(x, Qt::AlignBottom);
            m_recallChart->addAxis(y, Qt::AlignLeft);
            series->attachAxis(x);
            series->attachAxis(y);
            styleChart(m_recallChart);
            if (!r.breakdown.isEmpty())
                m_breakdown->setRows(r.breakdown);
            m_evalPanel->setMessage(tr("Evaluation finished.") + QLatin1Char(' ') + r.notes.join(QStringLiteral("; ")));
        });
}

// ---- Availability -----------------------------------------------------------------------------------

void TasksPage::updateAvailability()
{
    const bool catalog = m_context->hasCatalog();
    const bool pack = !m_context->modelPackPath().isEmpty();
    const QString noCatalog = tr("Open a catalog first (Settings → Catalog).");
    const QString noPack = tr("No model pack is installed. Choose one in Settings → Model pack.");

    QString why;
    if (!services::has(services::Feature::Import))
        why = tr("Importing is not available in this build yet. The preview shows how the file would be read; use "
                 "“unifashion import” on the command line meanwhile.");
    else if (!catalog)
        why = noCatalog;
    m_importBanner->setText(why);
    m_importBanner->setVisible(!why.isEmpty());
    m_importButton->setEnabled(why.isEmpty() && !m_importRunner->isRunning());

    why.clear();
    if (!services::has(services::Feature::Index))
        why = tr("Indexing is not available in this build yet. Search and “similar items” become available when the "
                 "index can be built.");
    else if (!catalog)
        why = noCatalog;
    else if (!pack)
        why = noPack;
    m_indexBanner->setText(why);
    m_indexBanner->setVisible(!why.isEmpty());
    m_indexButton->setEnabled(why.isEmpty() && !m_indexRunner->isRunning());
    if (catalog)
        m_indexStatus->setText(services::indexExists(m_context->catalogPath()) ? tr("This catalog has an index.")
                                                                               : tr("This catalog has no index yet."));
    else
        m_indexStatus->clear();

    why.clear();
    if (!services::has(services::Feature::Train))
        why = tr("Fine-tuning is not available in this build yet. The loss plot shows the run live once it is.");
    else if (!catalog)
        why = noCatalog;
    else if (!pack)
        why = noPack;
    m_trainBanner->setText(why);
    m_trainBanner->setVisible(!why.isEmpty());
    m_trainButton->setEnabled(why.isEmpty() && !m_trainRunner->isRunning());

    why.clear();
    if (!services::has(services::Feature::Evaluate))
        why = tr("Recall@K is available once the evaluation module is installed; the data-readiness report below works now.");
    else if (!catalog)
        why = noCatalog;
    else if (!pack)
        why = noPack;
    m_evalBanner->setText(why);
    m_evalBanner->setVisible(!why.isEmpty());
    m_evalButton->setEnabled(why.isEmpty() && !m_evalRunner->isRunning());
    m_readinessButton->setEnabled(catalog && services::has(services::Feature::Report) && !m_readinessRunner->isRunning());
}

} // namespace uf::ui

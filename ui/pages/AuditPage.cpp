#include "pages/AuditPage.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "common/Style.h"
#include "models/AuditQueueModel.h"
#include "widgets/Widgets.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace uf::ui {

AuditPage::AuditPage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    auto* layout = new QVBoxLayout(this);
    m_banner = new Banner(this);
    layout->addWidget(m_banner);

    auto* filters = new QHBoxLayout;
    m_status = new QComboBox(this);
    m_status->addItem(tr("Pending"), QStringLiteral("pending"));
    m_status->addItem(tr("Approved"), QStringLiteral("approved"));
    m_status->addItem(tr("Rejected"), QStringLiteral("rejected"));
    m_status->addItem(tr("All"), QString());
    m_status->setToolTip(tr("Show outputs with this status"));
    m_creator = new QComboBox(this);
    m_creator->setToolTip(tr("Show outputs made by this person"));
    m_modelFilter = new QComboBox(this);
    m_modelFilter->setToolTip(tr("Show outputs made with this model"));
    auto* refresh = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    filters->addWidget(new QLabel(tr("Status"), this));
    filters->addWidget(m_status);
    filters->addWidget(new QLabel(tr("Created by"), this));
    filters->addWidget(m_creator);
    filters->addWidget(new QLabel(tr("Model"), this));
    filters->addWidget(m_modelFilter);
    filters->addStretch(1);
    filters->addWidget(refresh);
    layout->addLayout(filters);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_model = new AuditQueueModel(this);
    m_proxy = new AuditFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setStatus(QStringLiteral("pending"));
    m_queue = new QTableView(splitter);
    m_queue->setModel(m_proxy);
    m_queue->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queue->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queue->verticalHeader()->hide();
    m_queue->horizontalHeader()->setStretchLastSection(true);
    m_queue->setColumnWidth(AuditQueueModel::IdColumn, 50);
    m_queue->setColumnWidth(AuditQueueModel::PromptColumn, 200);
    m_queue->setToolTip(tr("Enter approves the selected output, Delete rejects it"));
    m_queue->installEventFilter(this);
    m_queue->setAccessibleName(tr("Review queue"));

    auto* detail = new QWidget(splitter);
    auto* dl = new QVBoxLayout(detail);
    dl->setContentsMargins(0, 0, 0, 0);
    auto* sideBySide = new QHBoxLayout;
    auto* sourceBox = new QGroupBox(tr("Source"), detail);
    auto* sl = new QVBoxLayout(sourceBox);
    m_source = new AsyncImageLabel(220, sourceBox);
    m_source->setPlaceholder(tr("No reference: made from the prompt only"));
    sl->addWidget(m_source);
    auto* outputBox = new QGroupBox(tr("Output"), detail);
    auto* ol = new QVBoxLayout(outputBox);
    m_output = new AsyncImageLabel(220, outputBox);
    m_output->setPlaceholder(tr("Select an output in the queue"));
    m_outputText = new QPlainTextEdit(outputBox);
    m_outputText->setReadOnly(true);
    m_outputText->hide();
    ol->addWidget(m_output);
    ol->addWidget(m_outputText);
    sideBySide->addWidget(sourceBox);
    sideBySide->addWidget(outputBox);
    dl->addLayout(sideBySide);

    auto* provBox = new QGroupBox(tr("Provenance"), detail);
    auto* pl = new QVBoxLayout(provBox);
    m_provenance = new QPlainTextEdit(provBox);
    m_provenance->setReadOnly(true);
    m_provenance->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_provenance->setPlaceholderText(tr("Prompt, seed, steps, guidance, model and its hash, reference, creator"));
    pl->addWidget(m_provenance);
    dl->addWidget(provBox, 1);

    auto* decisionBox = new QGroupBox(tr("Decision"), detail);
    auto* decl = new QVBoxLayout(decisionBox);
    m_comment = new QLineEdit(decisionBox);
    m_comment->setPlaceholderText(tr("Comment (required to reject)"));
    m_comment->setToolTip(tr("Why you approve or reject; it is recorded in the audit log"));
    decl->addWidget(m_comment);
    auto* buttons = new QHBoxLayout;
    m_approve = new QPushButton(icon(QStringLiteral("approve")), tr("Approve"), decisionBox);
    m_approve->setToolTip(tr("Approve the selected output (Enter)"));
    m_reject = new QPushButton(icon(QStringLiteral("reject")), tr("Reject"), decisionBox);
    m_reject->setToolTip(tr("Reject the selected output (Delete); a comment is required"));
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addStretch(1);
    decl->addLayout(buttons);
    m_message = new QLabel(decisionBox);
    m_message->setWordWrap(true);
    decl->addWidget(m_message);
    dl->addWidget(decisionBox);

    auto* historyBox = new QGroupBox(tr("History"), detail);
    auto* hl = new QVBoxLayout(historyBox);
    m_history = new QListWidget(historyBox);
    m_history->setMaximumHeight(110);
    hl->addWidget(m_history);
    dl->addWidget(historyBox);
    splitter->addWidget(m_queue);
    splitter->addWidget(detail);
    splitter->setSizes({560, 520});
    layout->addWidget(splitter, 1);

    auto* bottom = new QHBoxLayout;
    m_verify = new QPushButton(icon(QStringLiteral("verify")), tr("Verify log"), this);
    m_verify->setToolTip(tr("Check that no entry of the audit log was edited, removed or reordered"));
    m_verifyResult = new QLabel(this);
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QPushButton(icon(QStringLiteral("export")), tr("Export approved…"), this);
    m_exportRunner = new JobRunner(this);
    m_exportPanel = new JobPanel(m_exportRunner, this);
    m_exportPanel->setMaximumWidth(360);
    bottom->addWidget(m_verify);
    bottom->addWidget(m_verifyResult, 1);
    bottom->addWidget(m_export);
    bottom->addWidget(m_exportPanel);
    layout->addLayout(bottom);

    setTabOrder(m_status, m_creator);
    setTabOrder(m_creator, m_modelFilter);
    setTabOrder(m_modelFilter, refresh);
    setTabOrder(refresh, m_queue);
    setTabOrder(m_queue, m_comment);
    setTabOrder(m_comment, m_approve);
    setTabOrder(m_approve, m_reject);
    setTabOrder(m_reject, m_verify);
    setTabOrder(m_verify, m_export);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatus(m_status->currentData().toString());
        showCurrent();
    });
    connect(m_creator, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setCreator(m_creator->currentData().toString());
        showCurrent();
    });
    connect(m_modelFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setModel(m_modelFilter->currentData().toString());
        showCurrent();
    });
    connect(refresh, &QPushButton::clicked, this, &AuditPage::reload);
    connect(m_queue->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showCurrent);
    connect(m_approve, &QPushButton::clicked, this, &AuditPage::approveCurrent);
    connect(m_reject, &QPushButton::clicked, this, &AuditPage::rejectCurrent);
    connect(m_comment, &QLineEdit::returnPressed, this, [this] {
        // After a reject was asked for without a comment, Enter completes that rejection.
        if (m_reject->property("awaitingComment").toBool())
            rejectCurrent();
        else
            approveCurrent();
    });
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verify);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export approved outputs to"));
        if (!dir.isEmpty())
            exportTo(dir);
    });
    connect(m_exportRunner, &JobRunner::runningChanged, this, &AuditPage::updateAvailability);
    connect(context, &AppContext::catalogChanged, this, [this] {
        m_verifyResult->clear();
        reload();
    });
    connect(context, &AppContext::catalogContentChanged, this, &AuditPage::reload);
    updateAvailability();
    showCurrent();
}

void AuditPage::updateAvailability()
{
    QString why;
    if (!services::has(services::Feature::Audit))
        why = tr("The review queue is not available in this build.");
    else if (!m_context->hasCatalog())
        why = tr("Open a catalog to review its generated outputs.");
    m_banner->setText(why);
    m_banner->setVisible(!why.isEmpty());
    const bool on = why.isEmpty();
    m_verify->setEnabled(on);
    const bool canExport = on && services::has(services::Feature::Export);
    m_export->setEnabled(canExport && !m_exportRunner->isRunning());
    m_export->setToolTip(canExport ? tr("Write approved images with their provenance (XMP) to a folder")
                                   : tr("Export becomes available once the export module is installed"));
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        reload();
}

void AuditPage::reload()
{
    updateAvailability();
    if (!services::has(services::Feature::Audit) || !m_context->hasCatalog()) {
        m_model->setItems({});
        showCurrent();
        return;
    }
    m_loadedOnce = true;
    const QString folder = m_context->catalogPath();
    const qint64 keep = currentId();
    const int generation = ++m_loadGeneration;
    ++m_busy;
    runGuarded(ioPool(), [folder] { return services::listOutputs(folder); })
        .then(this,
              [this, generation, keep](const QList<services::AuditItem>& items) {
                  --m_busy;
                  if (generation != m_loadGeneration)
                      return;
                  m_model->setItems(items);
                  refreshFilterChoices();
                  const int row = m_model->rowOfId(keep);
                  const QModelIndex p = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : QModelIndex();
                  m_queue->setCurrentIndex(p.isValid() ? p : m_proxy->index(0, 0));
                  showCurrent();
                  Q_EMIT loaded(static_cast<int>(items.size()));
              })
        .onFailed(this, [this, generation](const JobError& e) {
            --m_busy;
            if (generation != m_loadGeneration)
                return;
            m_message->setText(e.message() + QLatin1Char('\n') + e.detail());
            setTone(m_message, Tone::Error);
        });
}

void AuditPage::refreshFilterChoices()
{
    const auto refill = [](QComboBox* box, const QStringList& values) {
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(AuditPage::tr("Anyone / any"), QString());
        for (const QString& v : values)
            box->addItem(v, v);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    refill(m_creator, m_model->creators());
    refill(m_modelFilter, m_model->models());
    m_creator->setItemText(0, tr("Anyone"));
    m_modelFilter->setItemText(0, tr("Any model"));
}

qint64 AuditPage::currentId() const
{
    const QModelIndex i = m_queue->currentIndex();
    return i.isValid() ? i.data(AuditQueueModel::IdRole).toLongLong() : 0;
}

void AuditPage::showCurrent()
{
    const QModelIndex pi = m_queue->currentIndex();
    const services::AuditItem* it = pi.isValid() ? m_model->item(m_proxy->mapToSource(pi).row()) : nullptr;
    m_history->clear();
    m_reject->setProperty("awaitingComment", false);
    if (!it) {
        m_source->setImagePath(QString());
        m_output->setImagePath(QString());
        m_output->show();
        m_outputText->hide();
        m_provenance->clear();
        m_approve->setEnabled(false);
        m_reject->setEnabled(false);
        m_comment->setEnabled(false);
        return;
    }
    m_source->setImagePath(it->referenceImagePath);
    const bool caption = it->kind == QLatin1String("caption");
    m_output->setVisible(!caption);
    m_outputText->setVisible(caption);
    if (caption)
        m_outputText->setPlainText(it->text);
    else
        m_output->setImagePath(it->imagePath);
    const QJsonDocument prov = QJsonDocument::fromJson(it->provenanceJson.toUtf8());
    m_provenance->setPlainText(prov.isNull() ? it->provenanceJson : QString::fromUtf8(prov.toJson(QJsonDocument::Indented)));
    const bool pending = it->status == QLatin1String("pending");
    m_approve->setEnabled(pending && m_busy == 0);
    m_reject->setEnabled(pending && m_busy == 0);
    m_comment->setEnabled(pending);
    if (!pending)
        m_comment->setText(it->comment);
    else
        m_comment->clear();

    const QString folder = m_context->catalogPath();
    const qint64 id = it->id;
    runGuarded(ioPool(), [folder, id] { return services::auditHistory(folder, id); })
        .then(this,
              [this, id](const QList<services::AuditHistoryEntry>& entries) {
                  if (currentId() != id)
                      return;
                  m_history->clear();
                  for (const auto& e : entries)
                      m_history->addItem(QStringLiteral("%1  %2  %3").arg(e.at, e.action, e.actor));
              })
        .onFailed(this, [] {});
}

void AuditPage::approveCurrent() { decideCurrent(true); }
void AuditPage::rejectCurrent() { decideCurrent(false); }

void AuditPage::decideCurrent(bool approve)
{
    const qint64 id = currentId();
    if (id == 0 || (!m_approve->isEnabled() && !m_reject->isEnabled()))
        return;
    const QModelIndex pi = m_queue->currentIndex();
    if (pi.data(AuditQueueModel::StatusRole).toString() != QLatin1String("pending"))
        return;
    const QString comment = m_comment->text().trimmed();
    if (!approve && comment.isEmpty()) {
        m_message->setText(tr("Write why you reject it in the comment, then press Enter or Reject again."));
        setTone(m_message, Tone::Error);
        m_reject->setProperty("awaitingComment", true);
        m_comment->setFocus();
        return;
    }
    const QString folder = m_context->catalogPath();
    ++m_busy;
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    const auto decision = approve ? services::Decision::Approve : services::Decision::Reject;
    runGuarded(ioPool(), [folder, id, decision, comment] { return services::decide(folder, id, decision, comment); })
        .then(this,
              [this](const services::AuditItem& item) {
                  --m_busy;
                  const int proxyRow = m_queue->currentIndex().row();
                  m_model->updateItem(item);
                  m_message->setText(item.status == QLatin1String("approved") ? tr("No. %1 approved.").arg(item.id)
                                                                              : tr("No. %1 rejected.").arg(item.id));
                  setTone(m_message, Tone::Success);
                  // The decided row leaves the "pending" view: the next one takes its place.
                  const int rows = m_proxy->rowCount();
                  if (rows > 0) {
                      const QModelIndex next = m_proxy->index(std::min(proxyRow, rows - 1), 0);
                      m_queue->setCurrentIndex(next);
                  }
                  m_queue->setFocus();
                  showCurrent();
                  Q_EMIT decided(item.id, item.status);
              })
        .onFailed(this, [this](const JobError& e) {
            --m_busy;
            m_message->setText(e.message() + QLatin1Char('\n') + e.detail());
            setTone(m_message, Tone::Error);
            showCurrent();
            Q_EMIT decisionFailed(e.message());
        });
}

void AuditPage::verify()
{
    if (!m_context->hasCatalog())
        return;
    const QString folder = m_context->catalogPath();
    m_verify->setEnabled(false);
    m_verifyResult->setText(tr("Verifying…"));
    setTone(m_verifyResult, Tone::Normal);
    runGuarded(ioPool(), [folder] { return services::verifyAudit(folder); })
        .then(this,
              [this](const services::VerifyOutcome& r) {
                  m_verify->setEnabled(true);
                  if (r.ok) {
                      m_verifyResult->setText(tr("Audit log intact: %n entry(ies) verified, head %1.", nullptr,
                                                 static_cast<int>(r.entries))
                                                  .arg(r.headHash.left(12)));
                      setTone(m_verifyResult, Tone::Success);
                  } else {
                      QStringList lines{tr("Audit log damaged — do not trust decisions after the entry named here. "
                                           "Restore the catalog from a backup.")};
                      if (!r.message.isEmpty())
                          lines << r.message;
                      lines << r.outputIssues;
                      m_verifyResult->setText(lines.join(QLatin1Char('\n')));
                      setTone(m_verifyResult, Tone::Error);
                  }
                  Q_EMIT verified(r.ok);
              })
        .onFailed(this, [this](const JobError& e) {
            m_verify->setEnabled(true);
            m_verifyResult->setText(e.message() + QLatin1Char('\n') + e.detail());
            setTone(m_verifyResult, Tone::Error);
            Q_EMIT verified(false);
        });
}

void AuditPage::exportTo(const QString& dir)
{
    const QString folder = m_context->catalogPath();
    m_exportRunner->start<services::ExportOutcome>(
        tr("Exporting"),
        [folder, dir](const uf::ProgressFn& progress) { return services::exportApproved(folder, dir, progress); },
        [this](const services::ExportOutcome& r) {
            QString text = tr("%n approved output(s) exported to %1", nullptr, r.exported).arg(r.folder);
            if (!r.failures.isEmpty())
                text += QLatin1Char('\n') + tr("Skipped (they disagree with the audit log):") + QLatin1Char(' ')
                    + r.failures.join(QStringLiteral("; "));
            m_exportPanel->setMessage(text, !r.failures.isEmpty());
            Q_EMIT exported(r.exported);
        });
}

bool AuditPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_queue && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            approveCurrent();
            return true;
        }
        if (key == Qt::Key_Delete) {
            rejectCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace uf::ui

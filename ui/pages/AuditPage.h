// Audit screen: the queue of generated outputs (filter by status, creator, model), the source and
// the output side by side, full provenance, Approve (Enter) / Reject (Delete) with a comment, the
// output's history of decisions, the audit log's verification result, and export of approved items.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace uf::ui {

class AppContext;
class AsyncImageLabel;
class AuditFilterProxy;
class AuditQueueModel;
class Banner;
class JobPanel;
class JobRunner;

class AuditPage : public QWidget {
    Q_OBJECT
public:
    explicit AuditPage(AppContext* context, QWidget* parent = nullptr);

    AuditQueueModel* model() const { return m_model; }
    AuditFilterProxy* proxy() const { return m_proxy; }
    QTableView* queue() const { return m_queue; }
    QLineEdit* commentField() const { return m_comment; }
    QPushButton* approveButton() const { return m_approve; }
    QPushButton* rejectButton() const { return m_reject; }
    QPushButton* verifyButton() const { return m_verify; }
    QLabel* verifyResult() const { return m_verifyResult; }
    QLabel* decisionMessage() const { return m_message; }
    QComboBox* statusFilter() const { return m_status; }
    Banner* banner() const { return m_banner; }
    bool isBusy() const { return m_busy > 0; }

    void reload();
    void approveCurrent();
    void rejectCurrent();
    void verify();
    // Exports the approved outputs into dir (the Export button asks for the folder first).
    void exportTo(const QString& dir);

Q_SIGNALS:
    void loaded(int items);
    void decided(qint64 id, const QString& status);
    void decisionFailed(const QString& message);
    void verified(bool ok);
    void exported(int files);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void updateAvailability();
    void showCurrent();
    void decideCurrent(bool approve);
    void refreshFilterChoices();
    qint64 currentId() const;

    AppContext* m_context;
    Banner* m_banner;
    AuditQueueModel* m_model;
    AuditFilterProxy* m_proxy;
    QComboBox* m_status;
    QComboBox* m_creator;
    QComboBox* m_modelFilter;
    QTableView* m_queue;
    AsyncImageLabel* m_source;
    AsyncImageLabel* m_output;
    QPlainTextEdit* m_outputText;
    QPlainTextEdit* m_provenance;
    QListWidget* m_history;
    QLineEdit* m_comment;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QLabel* m_message;
    QPushButton* m_verify;
    QLabel* m_verifyResult;
    QPushButton* m_export;
    JobRunner* m_exportRunner;
    JobPanel* m_exportPanel;
    int m_busy = 0;
    int m_loadGeneration = 0;
    bool m_loadedOnce = false;
};

} // namespace uf::ui

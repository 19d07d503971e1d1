// The JobRunner pattern: every long job (import, indexing, generation, training, evaluation) runs
// through QtConcurrent::run with a QPromise; core's ProgressFn is adapted to the promise (progress
// out, cancel in); the result or a translated error comes back on the GUI thread through
// .then(this, …).onFailed(this, …). Cancelling is cooperative: the worker's ProgressFn returns
// false at its next call and the core job returns a Cancelled status with what it finished, so
// nothing is lost (QFuture::cancel would drop that result, so it is kept for shutdown only).
#pragma once

#include "common/Progress.h"

#include <QCoreApplication>
#include <QException>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <memory>
#include <type_traits>

class QLabel;
class QProgressBar;
class QPushButton;

namespace uf::ui {

// A failure as the user reads it: what happened and what to do (translated), plus the
// technical detail from core (file, row, reason) for the tooltip and the log.
class JobError : public QException {
    Q_DECLARE_TR_FUNCTIONS(uf::ui::JobError)
public:
    JobError(QString message, QString detail) : m_message(std::move(message)), m_detail(std::move(detail)) {}
    const QString& message() const { return m_message; }
    const QString& detail() const { return m_detail; }
    void raise() const override { throw *this; }
    JobError* clone() const override { return new JobError(*this); }

private:
    QString m_message;
    QString m_detail;
};

// Maps core's typed exceptions (StorageError, ModelLoadError, …) to a translated message that
// says what to do. Safe on any thread (QCoreApplication::translate is thread-safe).
JobError toJobError(std::exception_ptr error);

// Long jobs (import, index, generate, train, eval): at most two at once on this 2-core class of machine.
QThreadPool* jobPool();
// Short reads for the views: catalog pages, product details, thumbnails.
QThreadPool* ioPool();
// Asks every running job to stop and waits for the pools (application shutdown).
void shutdownPools();

using CancelFlag = std::shared_ptr<uf::CancelToken>;

namespace detail {
// Progress values are int in QFuture: large totals are scaled down to fit.
inline int progressScale(std::int64_t total)
{
    int scale = 1;
    while (total / scale > 1'000'000'000)
        scale *= 1000;
    return scale;
}
} // namespace detail

// Core's ProgressFn over a promise: reports (done, total) to the future (Qt throttles the
// signals to ~25 per second) and returns false once the user or the application asked to stop.
// A job may report several phases; each new total restarts the bar.
template <typename T>
uf::ProgressFn progressFor(QPromise<T>& promise, CancelFlag flag = {})
{
    struct State {
        std::int64_t total = -2;
        int scale = 1;
    };
    auto state = std::make_shared<State>();
    return [&promise, flag = std::move(flag), state](std::int64_t done, std::int64_t total) {
        if (total != state->total) {
            state->total = total;
            state->scale = detail::progressScale(total);
            promise.setProgressRange(0, total > 0 ? static_cast<int>(total / state->scale) : 0);
        }
        if (total > 0)
            promise.setProgressValue(static_cast<int>(std::clamp<std::int64_t>(done, 0, total) / state->scale));
        return !promise.isCanceled() && !(flag && flag->isCancelled());
    };
}

// QtConcurrent::run for short reads (details, lists, one search): core's exceptions become a
// JobError, so `.onFailed(this, [](const JobError& e) {…})` shows a translated message.
template <typename F>
auto runGuarded(QThreadPool* pool, F fn) -> QFuture<std::invoke_result_t<F>>
{
    return QtConcurrent::run(pool, [fn = std::move(fn)]() mutable {
        try {
            return fn();
        } catch (...) {
            throw toJobError(std::current_exception());
        }
    });
}

// Runs one long job at a time and reports its life cycle as signals that a JobPanel shows.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    bool isRunning() const { return m_running; }
    QString title() const { return m_title; }

    // work: R(const uf::ProgressFn&), run on the job pool; onDone(R) runs on this object's thread.
    // Returns false when a job is already running.
    template <typename R, typename Work, typename Done>
    bool start(const QString& title, Work work, Done onDone);

    // Asks the running job to stop at its next progress call.
    void cancel();
    bool cancelRequested() const { return m_flag && m_flag->isCancelled(); }

    // Every JobRunner alive (to refuse a language switch or to stop all at shutdown).
    static bool anyRunning();
    static void cancelAll();

Q_SIGNALS:
    void started(const QString& title);
    void progressChanged(qint64 done, qint64 total);
    void succeeded(); // onDone has run (the job may have stopped early on Cancel)
    void failed(const QString& message, const QString& detail);
    void runningChanged(bool running);

private:
    void begin(const QString& title, CancelFlag flag, QFutureWatcherBase* watcher);
    void end(QFutureWatcherBase* watcher);

    bool m_running = false;
    QString m_title;
    CancelFlag m_flag;
    QFutureWatcherBase* m_watcher = nullptr;
    QFuture<void> m_future;
};

template <typename R, typename Work, typename Done>
bool JobRunner::start(const QString& title, Work work, Done onDone)
{
    if (m_running)
        return false;
    auto flag = std::make_shared<uf::CancelToken>();
    QFuture<R> future = QtConcurrent::run(jobPool(), [work = std::move(work), flag](QPromise<R>& promise) {
        try {
            promise.addResult(work(progressFor(promise, flag)));
        } catch (...) {
            promise.setException(toJobError(std::current_exception()));
        }
    });
    auto* watcher = new QFutureWatcher<R>(this);
    begin(title, flag, watcher);
    m_future = QFuture<void>(future);
    watcher->setFuture(future);
    future
        .then(this, [this, watcher, onDone = std::move(onDone)](R result) mutable {
            end(watcher);
            onDone(std::move(result));
            Q_EMIT succeeded();
        })
        .onFailed(this, [this, watcher](const JobError& e) {
            end(watcher);
            Q_EMIT failed(e.message(), e.detail());
        })
        .onFailed(this, [this, watcher] {
            end(watcher);
            Q_EMIT failed(tr("The job stopped with an unexpected error. Try again; if it happens again, restart the application."),
                          QString());
        })
        .onCanceled(this, [this, watcher] { end(watcher); });
    return true;
}

// Progress bar, status line and Cancel button for one JobRunner. Failures stay visible (with the
// technical detail as a tooltip) until the next job starts.
class JobPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobPanel(JobRunner* runner, QWidget* parent = nullptr);

    // A line under the bar for the outcome ("Imported 120 products, 3 rows rejected").
    void setMessage(const QString& text, bool isError = false, const QString& detail = {});
    QString message() const;
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_bar; }

private:
    JobRunner* m_runner;
    QWidget* m_running;
    QLabel* m_title;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    QLabel* m_message;
};

} // namespace uf::ui

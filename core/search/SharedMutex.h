// A reader–writer lock that lets a waiting writer in. glibc's std::shared_mutex prefers readers:
// with searches arriving back to back (several UI threads, a benchmark) an insert can wait
// forever — the stress test starved for minutes. This wraps a pthread rwlock set to prefer
// writers, usable with std::shared_lock / std::unique_lock like std::shared_mutex.
// Not recursive: a thread must not take a shared lock it already holds (a queued writer would
// deadlock it).
#pragma once

#include <pthread.h>
#include <system_error>

namespace uf::search {

class SharedMutex {
public:
    SharedMutex()
    {
        pthread_rwlockattr_t attr;
        pthread_rwlockattr_init(&attr);
        pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        const int rc = pthread_rwlock_init(&m_lock, &attr);
        pthread_rwlockattr_destroy(&attr);
        if (rc != 0)
            throw std::system_error(rc, std::generic_category(), "pthread_rwlock_init");
    }
    ~SharedMutex() { pthread_rwlock_destroy(&m_lock); }
    SharedMutex(const SharedMutex&) = delete;
    SharedMutex& operator=(const SharedMutex&) = delete;

    void lock() { check(pthread_rwlock_wrlock(&m_lock)); }
    bool try_lock() { return pthread_rwlock_trywrlock(&m_lock) == 0; }
    void unlock() { pthread_rwlock_unlock(&m_lock); }
    void lock_shared() { check(pthread_rwlock_rdlock(&m_lock)); }
    bool try_lock_shared() { return pthread_rwlock_tryrdlock(&m_lock) == 0; }
    void unlock_shared() { pthread_rwlock_unlock(&m_lock); }

private:
    static void check(int rc)
    {
        if (rc != 0)
            throw std::system_error(rc, std::generic_category(), "pthread_rwlock");
    }
    pthread_rwlock_t m_lock;
};

} // namespace uf::search

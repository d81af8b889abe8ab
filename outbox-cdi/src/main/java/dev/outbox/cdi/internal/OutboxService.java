package dev.outbox.cdi.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;

/** The {@link Outbox} operations on the record store, each in a transaction. */
@ApplicationScoped
@Transactional
public class OutboxService implements Outbox {

    /** The most records one replay of a key sends. */
    static final int KEY_REPLAY_LIMIT = 10_000;

    @Inject RecordStore store;
    @Inject Event<RecordsDue> recordsDue;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();

    @Override
    public List<OutboxRecord> find(RecordQuery query) {
        return store.find(query);
    }

    @Override
    public Optional<OutboxRecord> find(String id) {
        return store.find(id);
    }

    @Override
    public List<OutboxRecord> deadLetters(int limit) {
        RecordQuery query = RecordQuery.all().withLimit(limit);
        List<OutboxRecord> dead =
                new ArrayList<>(store.find(query.withStatus(RecordStatus.FAILED)));
        dead.addAll(store.find(query.withStatus(RecordStatus.QUARANTINED)));
        dead.sort(Comparator.comparing(OutboxRecord::writtenAt));
        return dead.size() > limit ? List.copyOf(dead.subList(0, limit)) : dead;
    }

    @Override
    public List<BlockedKey> blockedKeys(String destination, int limit) {
        RecordQuery.all().withLimit(limit); // checks the limit
        if (!settings.holdFailedHeads()) {
            return List.of();
        }
        return store.blockedKeys(destination, limit);
    }

    @Override
    public long count(RecordStatus status) {
        return store.count(RecordQuery.status(status));
    }

    @Override
    public long count(RecordQuery query) {
        return store.count(query);
    }

    @Override
    public int retry(RecordQuery query) {
        int retried = store.retry(ids(query), clock.instant());
        if (retried > 0) {
            Msg.ADMIN_RETRIED_MANY.log(retried);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return retried;
    }

    @Override
    public int replay(RecordQuery query) {
        int replayed = store.replay(ids(query), clock.instant());
        if (replayed > 0) {
            Msg.ADMIN_REPLAYED_MANY.log(replayed);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return replayed;
    }

    @Override
    public int delete(RecordQuery query) {
        int deleted = store.delete(ids(query));
        if (deleted > 0) {
            Msg.ADMIN_DELETED_MANY.log(deleted);
        }
        return deleted;
    }

    private List<String> ids(RecordQuery query) {
        return store.find(query.withoutContent()).stream().map(OutboxRecord::id).toList();
    }

    @Override
    public boolean retry(String id) {
        boolean retried = store.retry(id, clock.instant());
        if (retried) {
            Msg.ADMIN_RETRIED.log(id);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return retried;
    }

    @Override
    public boolean skip(String id) {
        boolean skipped = store.skip(id);
        if (skipped) {
            Msg.ADMIN_SKIPPED.log(id);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return skipped;
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = store.delete(id);
        if (deleted) {
            Msg.ADMIN_DELETED.log(id);
        }
        return deleted;
    }

    @Override
    public boolean replay(String id) {
        boolean replayed = store.replay(id, clock.instant());
        if (replayed) {
            Msg.ADMIN_REPLAYED.log(id);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return replayed;
    }

    @Override
    public int replay(
            String aggregateType, String aggregateId, long fromSequence, long toSequence) {
        if (aggregateType == null
                || aggregateType.isBlank()
                || aggregateId == null
                || aggregateId.isBlank()) {
            throw new IllegalArgumentException(
                    Msg.ADMIN_KEY_REPLAY_INVALID.format(
                            aggregateType + "/" + aggregateId,
                            "the key's type and id are required"));
        }
        if (fromSequence < 1 || toSequence < fromSequence) {
            throw new IllegalArgumentException(
                    Msg.ADMIN_KEY_REPLAY_INVALID.format(
                            aggregateType + "/" + aggregateId,
                            "from #"
                                    + fromSequence
                                    + " to #"
                                    + toSequence
                                    + " is no range: from must be at least 1 and to not below it"));
        }
        int replayed =
                store.replay(
                        aggregateType,
                        aggregateId,
                        fromSequence,
                        toSequence,
                        KEY_REPLAY_LIMIT,
                        clock.instant());
        if (replayed > 0) {
            Msg.ADMIN_REPLAYED_KEY.log(
                    replayed, aggregateType, aggregateId, fromSequence, toSequence);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return replayed;
    }

    @Override
    public List<DestinationBacklog> backlog() {
        return store.backlog();
    }

    @Override
    public void pause(String destination, String by) {
        store.pause(destination, clock.instant(), by);
        Msg.ADMIN_PAUSED.log(destination, by);
    }

    @Override
    public boolean resume(String destination) {
        boolean resumed = store.resume(destination);
        if (resumed) {
            Msg.ADMIN_RESUMED.log(destination);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return resumed;
    }

    @Override
    public Set<String> paused() {
        return store.paused();
    }
}

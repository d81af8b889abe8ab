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
        madeDue(retried > 0, Msg.ADMIN_RETRIED_MANY, retried);
        return retried;
    }

    @Override
    public int replay(RecordQuery query) {
        int replayed = store.replay(ids(query), clock.instant());
        madeDue(replayed > 0, Msg.ADMIN_REPLAYED_MANY, replayed);
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

    /**
     * Logs an operator's change that made records due and wakes the relay; nothing when it changed
     * nothing.
     *
     * @return whether it changed something
     */
    private boolean madeDue(boolean changed, Msg message, Object... args) {
        if (changed) {
            message.log(args);
            recordsDue.fire(RecordsDue.INSTANCE);
        }
        return changed;
    }

    private List<String> ids(RecordQuery query) {
        return store.find(query.withoutContent()).stream().map(OutboxRecord::id).toList();
    }

    @Override
    public boolean retry(String id) {
        return madeDue(store.retry(id, clock.instant()), Msg.ADMIN_RETRIED, id);
    }

    @Override
    public boolean skip(String id) {
        return madeDue(store.skip(id), Msg.ADMIN_SKIPPED, id);
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
        return madeDue(store.replay(id, clock.instant()), Msg.ADMIN_REPLAYED, id);
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
        madeDue(
                replayed > 0,
                Msg.ADMIN_REPLAYED_KEY,
                replayed,
                aggregateType,
                aggregateId,
                fromSequence,
                toSequence);
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
        return madeDue(store.resume(destination), Msg.ADMIN_RESUMED, destination);
    }

    @Override
    public Set<String> paused() {
        return store.paused();
    }
}

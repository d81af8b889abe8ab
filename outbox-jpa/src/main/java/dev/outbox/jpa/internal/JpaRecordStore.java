package dev.outbox.jpa.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.NewRecord;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RecordStore;

/**
 * The record store on the application's persistence unit, as SQL on the connection of its entity
 * manager: capture's insert joins the caller's transaction, and the relay's locking queries, which
 * JPA cannot express portably, run on the relay's. Plain SQL also lets the tables live in a
 * configured schema ({@link Tables}) whatever the entity's mapping says. Each role is a part of its
 * own: {@link RecordCapture}, {@link RecordRelay}, {@link RecordQueries} and {@link
 * DestinationPauses}; rows become records in {@link RecordRows}; statements come from the {@link
 * Dialect}.
 */
@ApplicationScoped
public class JpaRecordStore implements RecordStore {

    @Inject OutboxEntityManager entityManager;
    @Inject OutboxSettings settings;
    @Inject SchemaManager schema;

    private StoreAccess access;
    private RecordCapture capture;
    private RecordRelay relay;
    private DestinationPauses pauses;
    private RecordQueries queries;

    @PostConstruct
    void init() {
        access = new StoreAccess(entityManager, settings);
        capture = new RecordCapture(access);
        relay = new RecordRelay(access);
        pauses = new DestinationPauses(access);
        queries = new RecordQueries(access, pauses);
    }

    /**
     * @return what the store's parts share, for the inbox's store
     */
    StoreAccess access() {
        return access;
    }

    @Override
    public void prepare() {
        schema.ensure();
    }

    @Override
    public Optional<String> xaProblem() {
        return schema.xaProblem();
    }

    @Override
    public void append(NewRecord record) {
        capture.append(record);
    }

    @Override
    public List<OutboxRecord> claim(int limit, Instant now, boolean holdFailedHeads) {
        return relay.claim(limit, now, holdFailedHeads);
    }

    @Override
    public void markDispatched(Collection<String> ids, Instant at, boolean keep) {
        relay.markDispatched(ids, at, keep);
    }

    @Override
    public boolean markAttemptFailed(
            String id, int attemptsBefore, RecordStatus status, Instant nextAttempt, String error) {
        return relay.markAttemptFailed(id, attemptsBefore, status, nextAttempt, error);
    }

    @Override
    public int purgeDispatched(Instant dispatchedBefore, int limit) {
        return relay.purgeDispatched(dispatchedBefore, limit);
    }

    @Override
    public List<LocalDate> keepArchive(Instant now, Instant dispatchedBefore) {
        return relay.keepArchive(now, dispatchedBefore);
    }

    @Override
    public Map<String, String> quarantineUnknownStatus(int limit) {
        return relay.quarantineUnknownStatus(limit);
    }

    @Override
    public List<OutboxRecord> find(RecordQuery q) {
        return queries.find(q);
    }

    @Override
    public Optional<OutboxRecord> find(String id) {
        return queries.find(id);
    }

    @Override
    public long count(RecordQuery q) {
        return queries.count(q);
    }

    @Override
    public boolean retry(String id, Instant now) {
        return queries.retry(id, now);
    }

    @Override
    public int retry(Collection<String> ids, Instant now) {
        return queries.retry(ids, now);
    }

    @Override
    public int replay(
            String aggregateType, String aggregateId, long from, long to, int limit, Instant now) {
        return queries.replay(aggregateType, aggregateId, from, to, limit, now);
    }

    @Override
    public boolean skip(String id) {
        return queries.skip(id);
    }

    @Override
    public int replay(Collection<String> ids, Instant now) {
        return queries.replay(ids, now);
    }

    @Override
    public boolean replay(String id, Instant now) {
        return queries.replay(id, now);
    }

    @Override
    public int delete(Collection<String> ids) {
        return queries.delete(ids);
    }

    @Override
    public boolean delete(String id) {
        return queries.delete(id);
    }

    @Override
    public List<DestinationBacklog> backlog() {
        return queries.backlog();
    }

    @Override
    public List<BlockedKey> blockedKeys(String destination, int limit) {
        return queries.blockedKeys(destination, limit);
    }

    @Override
    public void pause(String destination, Instant at, String by) {
        pauses.pause(destination, at, by);
    }

    @Override
    public boolean resume(String destination) {
        return pauses.resume(destination);
    }

    @Override
    public int resumeRelayPauses(String by, Instant olderThan) {
        return pauses.resumePausedBy(by, olderThan);
    }

    @Override
    public boolean resumeRelayPause(String destination, String by) {
        return pauses.resumePausedBy(destination, by);
    }

    @Override
    public Set<String> paused() {
        return pauses.paused();
    }
}

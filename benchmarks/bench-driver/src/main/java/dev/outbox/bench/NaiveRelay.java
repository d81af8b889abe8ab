package dev.outbox.bench;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The baseline: a naive relay in plain JDBC + JMS, in this JVM. In a loop: claim 100 due records
 * with FOR UPDATE SKIP LOCKED (oldest first, no per-key head condition), send them in one JMS
 * transaction (same properties as the outbox, duplicate id included), commit it, delete them in one
 * statement, commit the database transaction.
 */
final class NaiveRelay {

    private NaiveRelay() {}

    /**
     * @return the records sent
     */
    static long drain(String schema, int batch) throws Exception {
        long sent = 0;
        try (java.sql.Connection db = Pg.connect();
                jakarta.jms.Connection jms = Broker.connect()) {
            db.setAutoCommit(false);
            Session session = jms.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(Broker.QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            String claim = String.format(Pg.CLAIM_PLAIN, schema, batch);
            try (PreparedStatement delete =
                    db.prepareStatement(
                            "DELETE FROM " + schema + ".outbox_record WHERE id = ANY (?)")) {
                while (true) {
                    List<String> ids = new ArrayList<>(batch);
                    try (Statement s = db.createStatement();
                            ResultSet rs = s.executeQuery(claim)) {
                        while (rs.next()) {
                            String id = rs.getString("id");
                            TextMessage m = session.createTextMessage(rs.getString("payload"));
                            Broker.outboxProperties(
                                    m,
                                    id,
                                    rs.getString("aggregate_id"),
                                    rs.getLong("seq"),
                                    rs.getTimestamp("written_at").getTime());
                            producer.send(m);
                            ids.add(id);
                        }
                    }
                    if (ids.isEmpty()) {
                        db.rollback();
                        return sent;
                    }
                    session.commit();
                    Array array = db.createArrayOf("varchar", ids.toArray());
                    delete.setArray(1, array);
                    delete.executeUpdate();
                    db.commit();
                    sent += ids.size();
                }
            }
        }
    }
}

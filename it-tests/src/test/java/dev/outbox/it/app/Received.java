package dev.outbox.it.app;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/** A received message, copied while its session was open. */
public record Received(String body, String jmsType, Map<String, Object> properties) {

    static Received of(Message m) throws JMSException {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Enumeration<?> names = m.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            props.put(name, m.getObjectProperty(name));
        }
        String body = m instanceof TextMessage t ? t.getText() : null;
        return new Received(body, m.getJMSType(), Collections.unmodifiableMap(props));
    }

    public Object property(String name) {
        return properties.get(name);
    }
}

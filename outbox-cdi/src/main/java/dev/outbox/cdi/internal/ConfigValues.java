package dev.outbox.cdi.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

/**
 * The raw configuration the settings are read from: MicroProfile Config in a server, a map in unit
 * tests.
 */
public interface ConfigValues {

    /**
     * @param name a property name
     * @return the raw value, which may be empty; empty when the property is not set at all
     */
    Optional<String> raw(String name);

    /**
     * @return the names of all properties that start with {@code prefix}
     */
    Iterable<String> namesStartingWith(String prefix);

    /**
     * @param config the MicroProfile Config to read
     * @return a view of it that keeps empty values visible
     */
    static ConfigValues of(Config config) {
        return new ConfigValues() {
            @Override
            public Optional<String> raw(String name) {
                return Optional.ofNullable(config.getConfigValue(name).getRawValue());
            }

            @Override
            public Iterable<String> namesStartingWith(String prefix) {
                TreeMap<String, Boolean> names = new TreeMap<>();
                for (String name : config.getPropertyNames()) {
                    if (name.startsWith(prefix)) {
                        names.put(name, Boolean.TRUE);
                    }
                }
                return names.keySet();
            }
        };
    }

    /**
     * @param map the properties
     * @return a view of the map
     */
    static ConfigValues of(Map<String, String> map) {
        TreeMap<String, String> sorted = new TreeMap<>(map);
        return new ConfigValues() {
            @Override
            public Optional<String> raw(String name) {
                return Optional.ofNullable(sorted.get(name));
            }

            @Override
            public Iterable<String> namesStartingWith(String prefix) {
                return sorted.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
            }
        };
    }
}

package org.jboss.jca.adapters.jdbc.local;

/** The class of a data-source's managed connection factory (XaDatasourceTest). */
public class LocalManagedConnectionFactory {}

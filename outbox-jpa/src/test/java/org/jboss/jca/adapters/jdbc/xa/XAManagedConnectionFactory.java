package org.jboss.jca.adapters.jdbc.xa;

/** The class of an xa-data-source's managed connection factory (XaDatasourceTest). */
public class XAManagedConnectionFactory {}

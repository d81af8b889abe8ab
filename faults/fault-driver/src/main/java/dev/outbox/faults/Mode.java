package dev.outbox.faults;

/** The two relay modes every scenario runs in. */
enum Mode {
    /**
     * XA datasource: the relay's sends and marks, and each consumer's work, commit in one XA
     * transaction.
     */
    XA("xa", "ds-xa.xml", "xa"),
    /**
     * Datasource without XA: the relay commits the sends on a local JMS transaction, then the
     * marks.
     */
    LOCAL("local", "ds-nonxa.xml", "non-XA");

    final String transactionMode;
    final String datasourceFile;
    final String label;

    Mode(String transactionMode, String datasourceFile, String label) {
        this.transactionMode = transactionMode;
        this.datasourceFile = datasourceFile;
        this.label = label;
    }
}

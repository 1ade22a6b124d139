package dev.kiln.orchestrator.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kiln's tables as the database describes them: names, columns, references, serial columns. */
final class Tables {
    /** Not state: Flyway's history (made by the migrations) and the leader lease (whoever runs now). */
    static final Set<String> SKIPPED = Set.of("flyway_schema_history", "leader_lease");

    private Tables() {}

    /** The tables to copy, each after the tables it references. */
    static List<String> inOrder(Connection c) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
            while (rows.next()) {
                if (!SKIPPED.contains(rows.getString(1))) {
                    references.put(rows.getString(1), new LinkedHashSet<>());
                }
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select cl.relname, ref.relname from pg_constraint con"
                        + " join pg_class cl on cl.oid = con.conrelid join pg_class ref on ref.oid = con.confrelid"
                        + " where con.contype = 'f' and cl.relnamespace = current_schema()::regnamespace")) {
            while (rows.next()) {
                if (references.containsKey(rows.getString(1))
                        && !rows.getString(1).equals(rows.getString(2))) {
                    references.get(rows.getString(1)).add(rows.getString(2));
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < references.size()) {
            boolean progressed = false;
            for (Map.Entry<String, Set<String>> table : references.entrySet()) {
                if (!order.contains(table.getKey()) && order.containsAll(table.getValue())) {
                    order.add(table.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new SQLException("the tables' references form a cycle: " + references);
            }
        }
        return order;
    }

    /** A table's columns, in their order. */
    static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("select column_name from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ? order by ordinal_position")) {
            st.setString(1, table);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** The schema version the migrations left. */
    static String schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select version from flyway_schema_history where success"
                        + " and version is not null order by installed_rank desc limit 1")) {
            return rows.next() ? rows.getString(1) : "0";
        }
    }

    /** Sets every serial column's sequence past the rows restored. */
    static void resetSequences(Connection c) throws SQLException {
        List<String[]> serials = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select table_name, column_name from information_schema.columns"
                        + " where table_schema = current_schema() and column_default like 'nextval(%'")) {
            while (rows.next()) {
                serials.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] serial : serials) {
            try (Statement st = c.createStatement()) {
                st.execute("select setval(pg_get_serial_sequence('" + serial[0] + "', '" + serial[1] + "'),"
                        + " coalesce((select max(" + quote(serial[1]) + ") from " + quote(serial[0]) + "), 0) + 1,"
                        + " false)");
            }
        }
    }

    /** An identifier, quoted. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

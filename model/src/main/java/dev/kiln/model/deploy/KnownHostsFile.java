package dev.kiln.model.deploy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads OpenSSH {@code known_hosts} text into the host keys an environment trusts. */
public final class KnownHostsFile {
    private KnownHostsFile() {}

    /**
     * Every key of the text, one per host name of each line.
     *
     * @throws IllegalArgumentException naming the line when one cannot be read (hashed host names included: Kiln
     *     needs the names, so write the file with {@code ssh-keyscan} without {@code -H})
     */
    public static List<KnownHostKey> parse(String text) {
        List<KnownHostKey> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+", -1);
            int first = fields[0].startsWith("@") ? 1 : 0;
            if (first == 1 && !fields[0].equals("@cert-authority") && !fields[0].equals("@revoked")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown marker " + fields[0]);
            }
            if (first == 1) {
                continue;
            }
            if (fields.length < 3) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + ": expected 'HOST KEY-TYPE BASE64-KEY', found '" + line + "'");
            }
            if (fields[0].startsWith("|")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": hashed host names cannot be matched;"
                        + " write the file with ssh-keyscan without -H");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(fields[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the key is not base64");
            }
            for (String host : fields[0].split(",", -1)) {
                if (!host.isEmpty()) {
                    out.add(new KnownHostKey(host, KnownHostKey.fingerprint(blob)));
                }
            }
        }
        return out;
    }
}

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Dependency-free Bolt probe, run as a single-file program:
 *   java BoltProbe.java HOST PORT
 * Performs the Bolt handshake (magic 0x6060B017 + proposed versions) and
 * exits 0 if the peer agrees on a Bolt version, 1 otherwise. Prints the
 * negotiated version to stdout. Used by scripts/neo4j-local.sh when the
 * Python `neo4j` driver is not importable.
 */
public class BoltProbe {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java BoltProbe.java HOST PORT");
            System.exit(2);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 2000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
                0, 8, 8, 5, // 5.8 .. 5.0 (range form)
                0, 0, 4, 4, // 4.4
                0, 0, 0, 4, // 4.0
                0, 0, 0, 3, // 3.0
            });
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] v = new byte[4];
            in.readFully(v);
            if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0) {
                System.err.println("bolt: no common protocol version");
                System.exit(1);
            }
            System.out.println("bolt " + (v[3] & 0xff) + "." + (v[2] & 0xff));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("bolt: " + e);
            System.exit(1);
        }
    }
}

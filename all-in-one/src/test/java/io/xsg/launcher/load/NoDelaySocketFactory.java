package io.xsg.launcher.load;

/** Smack leaves Nagle's algorithm on; a latency test measures the gateway, not 40 ms delayed ACKs. */
final class NoDelaySocketFactory extends javax.net.SocketFactory {
    @Override
    public java.net.Socket createSocket() throws java.io.IOException {
        var socket = new java.net.Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
        var socket = new java.net.Socket(host, port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
            throws java.io.IOException {
        var socket = new java.net.Socket(host, port, local, localPort);
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
        var socket = new java.net.Socket(host, port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local,
                                        int localPort) throws java.io.IOException {
        var socket = new java.net.Socket(host, port, local, localPort);
        socket.setTcpNoDelay(true);
        return socket;
    }
}

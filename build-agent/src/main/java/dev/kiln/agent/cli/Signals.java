package dev.kiln.agent.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Turns Ctrl-C and SIGTERM into a call, without starting JVM shutdown, so a build can stop cleanly (remove its
 * container) and exit with its own status. Uses the JDK's {@code sun.misc.Signal} (module jdk.unsupported) through
 * reflection; where it is missing, the default handling stays.
 */
final class Signals {
    private Signals() {}

    /** Calls {@code onSignal} on INT and TERM; returns whether handlers were installed. */
    static boolean onInterrupt(Runnable onSignal) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler invocation = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    onSignal.run();
                }
                return null;
            };
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, invocation);
            Method handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[] {"INT", "TERM"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}

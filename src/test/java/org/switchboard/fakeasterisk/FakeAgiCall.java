package org.switchboard.fakeasterisk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.switchboard.fakeasterisk.AgiStep.Blocking;
import org.switchboard.fakeasterisk.AgiStep.HangUp;
import org.switchboard.fakeasterisk.AgiStep.Reply;
import org.switchboard.fakeasterisk.CallerScript.Heard;

/**
 * One FastAGI session as Asterisk 20 runs it: the channel answers the script's commands,
 * plays the scripted caller, turns a hang-up into the command's hang-up result plus a
 * separate {@code HANGUP} line, keeps the socket open in dead mode and never closes
 * first.
 */
public final class FakeAgiCall implements AutoCloseable {

	/**
	 * The gap Asterisk leaves between a blocking command's hang-up result and its HANGUP
	 * line.
	 */
	private static final Duration HANGUP_LINE_DELAY = Duration.ofMillis(40);

	private static final Interruption DIES = new Interruption.Dies();

	private static final Interruption ABORTED = new Interruption.Aborted();

	private final AgiEnv env;

	private final Socket socket;

	private final CallerScript caller;

	private final AgiCommands commands;

	private final AgiCallObserver observer;

	private final int dropAfter;

	private final Object lock = new Object();

	private final BlockingQueue<Interruption> interruptions = new LinkedBlockingQueue<>();

	private final List<String> lines = new ArrayList<>();

	private final List<String> commandLines = new ArrayList<>();

	private final CompletableFuture<AgiTranscript> end = new CompletableFuture<>();

	private int commandsAwaited;

	private boolean waiting;

	private Hangup hangup;

	private boolean ended;

	private boolean closedByScript;

	private volatile boolean aborted;

	private volatile long repliedAt;

	/** The script's side, buffered: read by the one thread serving the session. */
	private InputStream fromScript;

	FakeAgiCall(AgiEnv env, Socket socket, Caller caller, Map<String, String> variables, AgiCallObserver observer,
			int dropAfter, Set<String> missingSounds, Set<String> missingApplications, boolean deadChannel) {
		this.env = env;
		// dead from the start: no HANGUP line, 511 for channel commands
		this.hangup = deadChannel ? Hangup.CALLER : null;
		this.socket = socket;
		this.caller = new CallerScript(caller);
		this.observer = observer;
		this.dropAfter = dropAfter;
		this.commands = new AgiCommands(env, variables, (name, value) -> observer.variableSet(this, name, value),
				missingSounds, missingApplications);
	}

	/** The name of the channel this session runs on, e.g. PJSIP/carrier-00000001. */
	public String channel() {
		return this.env.channel();
	}

	/**
	 * Waits until the script closed the socket (or the fake dropped it) and returns what
	 * happened.
	 */
	public AgiTranscript awaitEnd(Duration timeout) {
		try {
			return this.end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError(
					"FastAGI script did not close the socket within " + timeout + "; so far: " + transcript().lines());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for the FastAGI script to close", ex);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("FastAGI session failed", ex.getCause());
		}
	}

	/**
	 * Waits for the next command line that starts with the prefix (ignoring case) and no
	 * earlier call returned; by then the fake has decided how it answers, so a hang-up or
	 * redirect that follows lands during that command.
	 */
	public String awaitCommand(String prefix, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (true) {
				for (int i = this.commandsAwaited; i < this.commandLines.size(); i++) {
					String line = this.commandLines.get(i);
					if (line.toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT))) {
						this.commandsAwaited = i + 1;
						return line;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.ended) {
					throw new AssertionError("no FastAGI command starting with '" + prefix + "' within " + timeout
							+ "; commands: " + this.commandLines);
				}
				waitOn(this.lock, left);
			}
		}
	}

	/**
	 * The caller hangs up now: the running blocking command returns its hang-up result,
	 * an idle script gets HANGUP.
	 */
	public void hangUpNow() {
		interrupt(Hangup.CALLER);
	}

	/**
	 * The caller presses keys now; a command blocked by {@link Caller#waits()} hears them
	 * at once.
	 */
	public void press(String keys) {
		Caller.presses(keys); // rejects anything but DTMF keys
		synchronized (this.lock) {
			if (this.waiting) {
				this.interruptions.add(new Interruption.Pressed(keys));
			}
			else {
				this.caller.press(keys);
			}
		}
	}

	/** What happened so far. */
	public AgiTranscript transcript() {
		synchronized (this.lock) {
			return new AgiTranscript(this.env.lines().subList(0, this.env.lines().size() - 1), this.lines,
					this.commandLines, this.commands.prompts(), this.commands.setByScript(), this.hangup != null,
					this.closedByScript, this.commands.failed());
		}
	}

	/** Drops the connection if the session still runs, e.g. when a test ends early. */
	@Override
	public void close() {
		abort();
	}

	/**
	 * Kills the channel for this reason; false when it was already dead or the session is
	 * over.
	 */
	boolean interrupt(Hangup reason) {
		boolean idle;
		synchronized (this.lock) {
			if (this.hangup != null || this.ended) {
				return false;
			}
			this.hangup = reason;
			idle = !this.waiting;
			if (!idle) {
				this.interruptions.add(DIES);
			}
		}
		this.observer.hungUp(this, reason);
		if (idle) {
			writeQuietly(List.of("HANGUP"));
		}
		return true;
	}

	/** Sends the environment block, the first thing Asterisk writes after connecting. */
	void sendEnv() {
		try {
			write(this.env.lines(), false);
		}
		catch (IOException ex) {
			abort();
			throw new UncheckedIOException("cannot send the AGI environment to " + this.env.request(), ex);
		}
	}

	void serve() {
		try {
			boolean hangsUpAtOnce;
			synchronized (this.lock) {
				hangsUpAtOnce = this.caller.hangsUpAtOnce();
			}
			if (hangsUpAtOnce) {
				interrupt(Hangup.CALLER);
			}
			int served = 0;
			String line;
			while (!dropsAfter(served) && (line = readLine()) != null) {
				this.observer.turnaround(this, System.nanoTime() - this.repliedAt);
				execute(line);
				served++;
				boolean hangsUp;
				synchronized (this.lock) {
					hangsUp = this.hangup == null && this.caller.hangsUpAfterReply();
				}
				if (hangsUp) {
					interrupt(Hangup.CALLER);
				}
			}
			if (!this.aborted) {
				synchronized (this.lock) {
					this.closedByScript = true;
				}
				writeQuietly(List.of("HANGUP"));
			}
		}
		catch (IOException ex) {
			synchronized (this.lock) {
				this.closedByScript = !this.aborted;
			}
		}
		finally {
			closeSocket();
			finish();
		}
	}

	private boolean dropsAfter(int served) {
		if (this.dropAfter >= 0 && served >= this.dropAfter) {
			abort();
			return true;
		}
		return this.aborted;
	}

	private void execute(String line) throws IOException {
		AgiStep step;
		Heard heard = null;
		String reply = null;
		synchronized (this.lock) {
			this.lines.add(">> " + line);
			this.commandLines.add(line);
			this.lock.notifyAll();
			step = this.commands.step(line, this.hangup != null);
			if (step instanceof HangUp) {
				this.hangup = Hangup.SCRIPT;
			}
			if (step instanceof Blocking blocking) {
				heard = hear(blocking);
				if (heard == Heard.WAITING) {
					this.waiting = true;
				}
				else if (heard == Heard.HANG_UP) {
					this.hangup = Hangup.CALLER;
				}
				else {
					reply = blocking.reply().apply(this.caller.keys());
				}
			}
		}
		switch (step) {
			case Reply answer -> write(answer.lines(), true);
			case HangUp hangUp -> {
				write(List.of(hangUp.reply()), true);
				this.observer.hungUp(this, Hangup.SCRIPT);
				write(List.of("HANGUP"), true);
			}
			case Blocking blocking -> {
				if (heard == Heard.WAITING) {
					awaitCaller(blocking);
				}
				else if (heard == Heard.HANG_UP) {
					this.observer.hungUp(this, Hangup.CALLER);
					dieDuring(blocking);
				}
				else {
					write(List.of(reply), true);
				}
			}
		}
	}

	private Heard hear(Blocking blocking) {
		if (blocking.listens()) {
			return this.caller.listen();
		}
		if (this.caller.hangsUpWhileBlocked()) {
			return Heard.HANG_UP;
		}
		return blocking.endless() ? Heard.WAITING : Heard.SILENCE;
	}

	/**
	 * Blocks the command until the channel dies, the caller presses keys, or its timeout
	 * passes.
	 */
	private void awaitCaller(Blocking blocking) throws IOException {
		long deadline = (blocking.timeoutMillis() > 0 && !blocking.endless())
				? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(blocking.timeoutMillis()) : Long.MAX_VALUE;
		while (true) {
			Interruption next = nextInterruption(deadline);
			String reply = null;
			synchronized (this.lock) {
				if (next instanceof Interruption.Aborted) {
					return;
				}
				if (next instanceof Interruption.Pressed pressed) {
					this.caller.press(pressed.keys());
					if (!blocking.listens()) {
						continue;
					}
				}
				this.waiting = false;
				drainInterruptions();
				if (this.hangup == null) {
					reply = blocking.reply().apply(this.caller.keys());
				}
			}
			if (reply != null) {
				write(List.of(reply), true);
			}
			else {
				dieDuring(blocking);
			}
			return;
		}
	}

	/**
	 * Keys that arrived while the command was finishing stay pending for the next one.
	 */
	private void drainInterruptions() {
		for (Interruption left = this.interruptions.poll(); left != null; left = this.interruptions.poll()) {
			if (left instanceof Interruption.Pressed pressed) {
				this.caller.press(pressed.keys());
			}
		}
	}

	private Interruption nextInterruption(long deadline) {
		try {
			if (deadline == Long.MAX_VALUE) {
				return this.interruptions.take();
			}
			return this.interruptions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ABORTED;
		}
	}

	/**
	 * The blocking command's hang-up result, then the HANGUP line as a separate write a
	 * moment later.
	 */
	private void dieDuring(Blocking blocking) throws IOException {
		write(List.of(blocking.hangUpReply()), true);
		try {
			Thread.sleep(HANGUP_LINE_DELAY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		write(List.of("HANGUP"), true);
	}

	private String readLine() throws IOException {
		if (this.fromScript == null) {
			this.fromScript = new BufferedInputStream(this.socket.getInputStream(), 2048);
		}
		InputStream in = this.fromScript;
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			line.write(b);
		}
		if (b == -1 && line.size() == 0) {
			return null;
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private void write(List<String> reply, boolean recorded) throws IOException {
		StringBuilder text = new StringBuilder();
		reply.forEach((line) -> text.append(line).append('\n'));
		synchronized (this.socket) {
			if (recorded) {
				synchronized (this.lock) {
					reply.forEach((line) -> this.lines.add("<< " + line));
				}
			}
			OutputStream out = this.socket.getOutputStream();
			out.write(text.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			this.repliedAt = System.nanoTime();
		}
	}

	private void writeQuietly(List<String> reply) {
		try {
			write(reply, true);
		}
		catch (IOException ex) {
			// the script already closed its side completely, as a script may
		}
	}

	private void abort() {
		this.aborted = true;
		this.interruptions.add(ABORTED);
		try {
			if (!this.socket.isClosed()) {
				this.socket.setSoLinger(true, 0);
			}
		}
		catch (IOException ex) {
			// closing below is all that matters
		}
		closeSocket();
	}

	private void closeSocket() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void finish() {
		Hangup ending;
		synchronized (this.lock) {
			this.ended = true;
			this.lock.notifyAll();
			ending = this.hangup;
		}
		AgiTranscript transcript = transcript();
		try {
			this.observer.ended(this, transcript, ending);
		}
		finally {
			this.end.complete(transcript);
		}
	}

	private static void waitOn(Object monitor, long nanos) {
		try {
			TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for a FastAGI command", ex);
		}
	}

	/** Why the channel died while the script was connected. */
	enum Hangup {

		/** The caller hung up. */
		CALLER,
		/** The script sent HANGUP or ran the Hangup application. */
		SCRIPT,
		/** An AMI Redirect moved the channel out of the AGI. */
		REDIRECT,
		/** An AMI Hangup action hung the channel up. */
		MANAGER

	}

	/** Something that ends a command blocked on the caller. */
	private sealed interface Interruption {

		record Dies() implements Interruption {
		}

		record Pressed(String keys) implements Interruption {
		}

		record Aborted() implements Interruption {
		}

	}

}

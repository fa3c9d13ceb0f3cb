package org.animegan.fiji.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.model.ModelLocator;

/**
 * A throw-away plain ImageJ 1.x installation as the README installs it: ij.jar, target/fiji/jars and
 * target/imagej/jars on the class path (or in plugins/jars), and an ImageJ folder whose plugins/
 * holds the packaged plugin jar, found by ImageJ through its plugins.config (the jar name has an
 * underscore for that).
 */
final class ImageJ1 {

	static final int TIMEOUT_S = 180;

	final Path home;
	final Path plugins;
	/** Dependencies in plugins/jars instead of on the class path (the plain ImageJ install of the README). */
	private final boolean jarsInPlugins;
	/** Whether target/imagej/jars (the SLF4J binding) is on the class path; off only to show why it is. */
	boolean imagejJars = true;

	ImageJ1(final Path tmp) {
		this(tmp, false);
	}

	ImageJ1(final Path tmp, final boolean jarsInPlugins) {
		this.jarsInPlugins = jarsInPlugins;
		home = tmp.resolve("ImageJ");
		plugins = home.resolve("plugins");
		try {
			Files.createDirectories(plugins);
			Files.createDirectories(home.resolve("user"));
			final Path jar = Packaged.pluginJar();
			Files.copy(jar, plugins.resolve(jar.getFileName()));
			if (jarsInPlugins) {
				final Path jars = Files.createDirectories(plugins.resolve("jars"));
				for (final Path folder : List.of(Packaged.fijiJars(), Packaged.imagejJars()))
					for (final Path dep : Packaged.list(folder))
						Files.copy(dep, jars.resolve(dep.getFileName()));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Runs {@code ImageJ -batch macro argument} with the dialog responder; see {@link Ij1Launcher}. */
	Processes.Result batch(final Path macro, final String argument, final String... jvmOptions) {
		final List<String> args = new ArrayList<>();
		args.add("-batch");
		args.add(macro.toString());
		if (argument != null) args.add(argument);
		return run(Ij1Launcher.class.getName(), args, jvmOptions);
	}

	/** Starts ImageJ with its window and menu bar and runs a macro, which should end with Quit. */
	Processes.Result gui(final Path macro, final String... jvmOptions) {
		// -port0: do not hand the macro over to another running ImageJ.
		return run(Ij1Launcher.class.getName(), List.of("-port0", "-macro", macro.toString()),
			jvmOptions);
	}

	/** Runs a main class of the test code inside this ImageJ. */
	Processes.Result run(final String mainClass, final List<String> args, final String... jvmOptions) {
		final String display = Packaged.display();
		final List<String> cmd = new ArrayList<>();
		cmd.add(Packaged.java().toString());
		cmd.add("-Xmx1g");
		cmd.add("-cp");
		final List<String> path = new ArrayList<>(List.of(Packaged.ijJar().toString()));
		if (!jarsInPlugins) {
			path.add(Packaged.fijiJars().resolve("*").toString());
			if (imagejJars) path.add(Packaged.imagejJars().resolve("*").toString());
		}
		path.add(Packaged.testClasses().toString());
		cmd.add(String.join(File.pathSeparator, path));
		cmd.add("-Dplugins.dir=" + home);
		// Keeps ImageJ's preferences and our per-user model cache out of the real home folder.
		cmd.add("-Duser.home=" + home.resolve("user"));
		for (final String o : jvmOptions)
			cmd.add(o);
		cmd.add(mainClass);
		cmd.addAll(args);
		return Processes.run(cmd, home, Map.of("DISPLAY", display), TIMEOUT_S);
	}

	/**
	 * Runs a main class of the test code with a models folder ({@link #models()}) that holds a model
	 * of the user's own, {@code my_style} (the AnimeGANv3 test generator), chosen in the dialog by
	 * {@link Ij1Launcher}'s responder.
	 */
	Processes.Result runWithMyStyle(final String mainClass, final String... args) {
		try {
			Files.createDirectories(models());
			Files.copy(Packaged.fixture("generator_v3_nhwc.onnx"), models().resolve("my_style.onnx"));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return run(mainClass, List.of(args), "-Dlauncher.model=my_style", "-D" + ModelLocator.PROPERTY +
			"=" + models());
	}

	/** The models folder of {@link #runWithMyStyle}. */
	Path models() {
		return home.resolve("models");
	}

	/** Writes a macro file into this ImageJ folder. */
	Path macro(final String name, final String... lines) {
		try {
			return Files.write(home.resolve(name), List.of(lines));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

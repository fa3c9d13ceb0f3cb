// batch_folder.ijm - Photo to Anime on every image in a folder, without a display.
//
// What it does
//   Opens each PNG, JPEG and TIFF file directly inside the input folder, stylizes it (every plane
//   of a stack) with Photo to Anime, saves "<name>-anime.png" (single planes) or
//   "<name>-anime.tif" (stacks) in the output folder, and closes it. Inputs are never overwritten.
//   The model is loaded once and reused for every file. A file ImageJ cannot open stops the macro
//   with ImageJ's error; the command-line tool (see README) skips such files and goes on instead.
//
// How to run (Fiji, headless):
//   ImageJ --headless -macro batch_folder.ijm "input=/data/in output=/data/out model=/models/hayao.onnx"
// Plain ImageJ 1.x needs a display (Xvfb is enough) and uses -batch instead:
//   java -cp "ij.jar:jars/*" ij.ImageJ -batch batch_folder.ijm "input=/data/in output=/data/out model=..."
// Folder or file names with spaces go in [brackets]: "input=[/data/my photos] ..."
//
// Parameters (the macro argument, key=value separated by spaces)
//   input       the folder with the images (required)
//   output      the folder for the results, created if needed (required)
//   model       required: a catalog id or name (e.g. paprika, downloaded on first use), a path
//               or http(s) URL of an .onnx or .pt file, the name of a model in the models folder, or
//               [Custom file...] together with model_file=<file> (see README, "Choosing a model")
//   input_size  256, 384, 512, 640, 768, 1024 or native (default 512)
//   Every other Photo to Anime parameter (max_batch_size, threads, ...) may be given too; the
//   argument is passed to the command unchanged, and the command ignores input= and output=.

args = getArgument();
input = value("input", "");
output = value("output", "");
model = value("model", "");
if (input == "" || output == "" || model == "")
	exit("Usage: -macro batch_folder.ijm \"input=<folder> output=<folder> model=<model>\"");
if (!File.isDirectory(input)) exit("The input folder " + input + " does not exist.");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);
if (!File.isDirectory(output)) exit("The output folder " + output + " cannot be created.");

setBatchMode(true);
files = getFileList(input);
Array.sort(files);
done = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!isImageFile(name)) continue;
	open(input + name);
	source = getImageID();
	run("Photo to Anime...", args);
	if (getImageID() == source) exit("Photo to Anime did not create an image for " + name + ".");
	base = File.getNameWithoutExtension(input + name);
	if (nSlices > 1) {
		target = output + base + "-anime.tif";
		saveAs("Tiff", target);
	} else {
		target = output + base + "-anime.png";
		saveAs("PNG", target);
	}
	print(name + " -> " + target);
	close("*");
	done++;
}
print("Photo to Anime: " + done + " file(s) written to " + output);

function isImageFile(name) {
	return matches(toLowerCase(name), ".*[.](png|jpg|jpeg|tif|tiff)");
}

// The value of key in the macro argument (ImageJ's own option parser, which understands [brackets]).
function value(key, fallback) {
	return call("ij.Macro.getValue", args, key, fallback);
}

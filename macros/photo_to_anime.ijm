// photo_to_anime.ijm - Photo to Anime on the active image.
//
// What it does
//   Runs Plugins > AnimeGAN > Photo to Anime... on the active image (a photo, or every plane of a
//   stack) and leaves the result open as a new image "<title>-anime". The input is not changed.
//
// How to run
//   In Fiji or ImageJ: open a photo, then Plugins > Macros > Run... and choose this file. With no
//   argument the Photo to Anime dialog asks for the model and options.
//   From a terminal (Fiji):
//     ImageJ --headless -macro photo_to_anime.ijm "model=/models/hayao.onnx input=/data/photo.jpg output=/data/photo-anime.png"
//   Plain ImageJ 1.x needs a display and uses -batch instead:
//     java -cp "ij.jar:jars/*" ij.ImageJ -batch photo_to_anime.ijm "model=... input=... output=..."
//
// Parameters (the macro argument, key=value separated by spaces; put values with spaces in [brackets])
//   model       a catalog id or name (e.g. paprika, downloaded on first use), a path
//               or http(s) URL of an .onnx or .pt file, the name of a model in the models folder, or
//               [Custom file...] together with model_file=<file> (see README, "Choosing a model")
//   input_size  256, 384, 512, 640, 768, 1024 or native (default: the command's default, 512)
//   input       optional: open this file instead of using the active image
//   output      optional: save the result to this file (.png; a stack is always saved as .tif)
//   Every other Photo to Anime parameter (max_batch_size, threads, ...) may be given too: the
//   argument is passed to the command unchanged, and the command ignores input= and output=.

args = getArgument();
input = value("input", "");
output = value("output", "");
model = value("model", "");

if (input != "") open(input);
if (nImages == 0) exit("Open a photo first, or give input=<file> in the macro argument.");
source = getImageID();
if (model == "") run("Photo to Anime...");
else run("Photo to Anime...", args);
if (getImageID() == source) exit("Photo to Anime did not create an image.");

print("Created " + getTitle() + ": " + getWidth() + "x" + getHeight() + ", " + nSlices + " plane(s)");
if (output != "") {
	if (nSlices > 1 && !endsWith(output, ".tif"))
		output = File.getDirectory(output) + File.getNameWithoutExtension(output) + ".tif";
	if (endsWith(output, ".tif")) saveAs("Tiff", output);
	else saveAs("PNG", output);
	print("Saved " + output);
}

// The value of key in the macro argument (ImageJ's own option parser, which understands [brackets]).
function value(key, fallback) {
	return call("ij.Macro.getValue", args, key, fallback);
}

// stack_to_anime.ijm - Photo to Anime on every plane of a stack, hyperstack or time-lapse.
//
// What it does
//   Stylizes every plane of the active stack with Plugins > AnimeGAN > Photo to Anime... and
//   checks that the result has the same width, height, channels, slices and frames, in the same
//   Z/C/T order, and the same calibration (pixel size, frame interval). A 3-channel composite is
//   taken as displayed and gives one RGB plane per slice and frame. The input is not changed.
//   Planes are sent to the model max_batch_size at a time; the Log gets the time per plane.
//
// How to run
//   In Fiji or ImageJ: open a stack or time-lapse, then Plugins > Macros > Run... and choose this
//   file. With no argument the Photo to Anime dialog asks for the model and options.
//   From a terminal (Fiji):
//     ImageJ --headless -macro stack_to_anime.ijm "model=/models/hayao.onnx input=/data/timelapse.tif output=/data/timelapse-anime.tif"
//   Plain ImageJ 1.x needs a display and uses -batch instead:
//     java -cp "ij.jar:jars/*" ij.ImageJ -batch stack_to_anime.ijm "model=... input=... output=..."
//
// Parameters (the macro argument, key=value separated by spaces; put values with spaces in [brackets])
//   model           a catalog id or name (e.g. paprika, downloaded on first use), a path
//                   or http(s) URL of an .onnx or .pt file, the name of a model in the models folder, or
//                   [Custom file...] together with model_file=<file> (see README, "Choosing a model")
//   input_size      256, 384, 512, 640, 768, 1024 or native (default 512)
//   max_batch_size  planes sent to the model together (default 4)
//   input           optional: open this file (for example a multi-page TIFF) instead of the active image
//   output          optional: save the result as a TIFF stack to this file
//   Every other Photo to Anime parameter may be given too; the argument is passed on unchanged.

args = getArgument();
input = value("input", "");
output = value("output", "");
model = value("model", "");

if (input != "") open(input);
if (nImages == 0) exit("Open a stack or time-lapse first, or give input=<file> in the macro argument.");
source = getImageID();
Stack.getDimensions(width, height, channels, slices, frames);
getPixelSize(unit, pixelWidth, pixelHeight);
interval = Stack.getFrameInterval();
composite = is("composite") && channels == 3;
print("Input " + getTitle() + ": " + width + "x" + height + ", c=" + channels + " z=" + slices + " t=" + frames);

if (model == "") run("Photo to Anime...");
else run("Photo to Anime...", args);
if (getImageID() == source) exit("Photo to Anime did not create an image.");

Stack.getDimensions(w, h, c, z, t);
getPixelSize(u, pw, ph);
expectedChannels = channels;
if (composite) expectedChannels = 1; // merged as displayed: one RGB plane per slice and frame
if (w != width || h != height || c != expectedChannels || z != slices || t != frames)
	exit("Unexpected result size: " + w + "x" + h + ", c=" + c + " z=" + z + " t=" + t);
if (u != unit || pw != pixelWidth || ph != pixelHeight || Stack.getFrameInterval() != interval)
	exit("The calibration of the result differs from the input.");
print("Created " + getTitle() + ": " + w + "x" + h + ", c=" + c + " z=" + z + " t=" + t + ", " + nSlices + " planes");

if (output != "") {
	saveAs("Tiff", output);
	print("Saved " + output);
}

// The value of key in the macro argument (ImageJ's own option parser, which understands [brackets]).
function value(key, fallback) {
	return call("ij.Macro.getValue", args, key, fallback);
}

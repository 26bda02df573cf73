// Package media inspects media files the way WhatsApp sees them: the sniffed
// MIME type, the container, the tracks and codecs of MP4 and 3GPP files, the
// codec of OGG audio, and the dimensions of images and stickers. It reads
// through an io.ReaderAt with bounded work, so a caller can hand over a file,
// a range-fetched remote object or a browser File, and hostile input costs
// bounded time and memory.
//
// Inspect is the entry point. It sniffs a 4 KiB head with
// github.com/gabriel-vasile/mimetype, then reads only the structures it
// needs: the ISO-BMFF box tree down to the sample descriptions (skipping
// mdat by its size, so an index at the end of the file costs one seek), the
// first OGG pages, the first WebP and PNG chunks, the JPEG markers up to the
// frame header. The box walk is capped at 16 levels of nesting and 10,000
// boxes, every size field is clipped to its parent and the file, and no
// buffer is sized from the file's bytes.
//
// Broken structure is a fact about the file, not a failure to inspect it:
// Info.Damaged says what was wrong and the other fields hold what could still
// be read. Inspect returns an error only when the bytes cannot be read (a
// *ReadError) or its arguments are unusable.
//
// A Source finds the media behind a link: FSSource for a local directory,
// the guarded HTTP fetcher of package validate/fetch, a dropped file in the
// browser. The package does no I/O of its own beyond the readers and file
// systems it is given, so it builds for GOOS=js GOARCH=wasm.
package media

package main

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A format is a compression that an input may come in, known by the
// bytes it starts with: the tool reads those that the standard library
// decompresses and names the others in an error, with the command that
// decompresses them.
type format struct {
	name  string
	magic string
	ext   []string // the ends of the file names that say it, in lower case
	// open returns a decoder of the data r holds; nil for a format the
	// tool cannot read.
	open func(r io.Reader, warn func(msg string)) (decoder, error)
	undo string // the command that decompresses it to standard output
}

// A decoder decompresses a format's data, and says how much of it is
// sound: the bytes of input in the units whose checksums it has found
// right so far (gzip members), and what the next unit is called in an
// error.
type decoder interface {
	io.Reader
	sound() int64
	unit() string
}

// formats are the compressions known by their first bytes. bzip2 is read
// as gzip is, since compress/bzip2 is in the standard library: logrotate
// and pbzip2 write it, and every block is checked before any line of the
// input counts, as for gzip (see readFile); it decompresses at about 15
// MB/s, a tenth of gzip's speed, so that bzip2 -dc in a pipe is faster,
// if unchecked. The others are named in an error.
var formats = [...]format{
	// RFC 1952, 2.3.1: ID1 31, ID2 139; several members one after
	// another are one file, as gzip -d reads them.
	{"gzip", "\x1f\x8b", []string{".gz", ".gzip", ".tgz"}, openGzip, "gzip -dc"},
	// The bzip2 stream header, "BZh" and the block size ('1' to '9'), as
	// compress/bzip2 reads it; streams one after another are one file.
	{"bzip2", "BZh", []string{".bz2", ".bzip2", ".tbz2"}, openBzip2, "bzip2 -dc"},
	// The .xz File Format 1.2.1, 2.1.1.1: Header Magic Bytes.
	{"xz", "\xfd7zXZ\x00", []string{".xz", ".txz"}, nil, "xz -dc"},
	// RFC 8878, 3.1.1: Magic_Number 0xFD2FB528, little-endian.
	{"zstd", "\x28\xb5\x2f\xfd", []string{".zst", ".zstd"}, nil, "zstd -dc"},
	// The lzip manual, "File format": ID string "LZIP".
	{"lzip", "LZIP", []string{".lz"}, nil, "lzip -dc"},
	// The LZ4 Frame Format Description, "General Structure of LZ4 Frame
	// format": Magic Number 0x184D2204, little-endian.
	{"lz4", "\x04\x22\x4d\x18", []string{".lz4"}, nil, "lz4 -dc"},
	// compress (LZW), as ncompress writes it: 0x1f 0x9d; gzip -d reads it.
	{"compress", "\x1f\x9d", []string{".z"}, nil, "gzip -dc"},
	// PKWARE's APPNOTE.TXT, 4.3.7: local file header signature
	// 0x04034b50, little-endian.
	{"zip", "PK\x03\x04", []string{".zip"}, nil, "unzip -p"},
}

// maxMagic is the length of the longest magic of formats.
const maxMagic = 6

// sniff returns the format whose magic b starts with, or nil.
func sniff(b []byte) *format {
	for i := range formats {
		if bytes.HasPrefix(b, []byte(formats[i].magic)) {
			return &formats[i]
		}
	}
	return nil
}

// claimed returns the format that the end of the file name says, in any
// case (RESULTS.LOG.GZ), or nil.
func claimed(name string) *format {
	lower := strings.ToLower(name)
	for i := range formats {
		for _, ext := range formats[i].ext {
			if strings.HasSuffix(lower, ext) {
				return &formats[i]
			}
		}
	}
	return nil
}

// unreadable is the error of an input in a format the tool cannot read.
// It says how to read it all the same, as in:
//
//	compressed with xz, which mailstatus cannot read; decompress it first: xz -dc big.log.xz | mailstatus summary
func unreadable(f *format, name, command string) error {
	how := f.undo + " " + shellQuote(name)
	if name == "-" {
		how = "... | " + f.undo
	}
	return fmt.Errorf("compressed with %s, which mailstatus cannot read; decompress it first: %s | mailstatus %s", f.name, how, command)
}

// shellQuote quotes a file name for sh where it needs it.
func shellQuote(s string) string {
	if strings.HasPrefix(s, "-") {
		s = "./" + s
	}
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+,:@%=-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isCorrupt reports whether err says that compressed data is corrupt: a
// checksum that is wrong, a header or deflate or bzip2 data that is not
// valid.
func isCorrupt(err error) bool {
	var deflate flate.CorruptInputError
	var bz bzip2.StructuralError
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &deflate) || errors.As(err, &bz)
}

// gunzip decompresses the gzip members of its input one after another, as
// gzip -d does. Like gzip, it ends at zero bytes or other data after the
// last member with a warning, not an error. It counts the bytes of input
// of the members whose checksums it has checked.
type gunzip struct {
	in      *bufio.Reader
	read    int64 // the bytes in has read
	z       *gzip.Reader
	warn    func(msg string)
	members int   // the members read so far, the current one included
	whole   int64 // the bytes of input of the members read to their end
}

func openGzip(r io.Reader, warn func(msg string)) (decoder, error) {
	g := &gunzip{warn: warn, members: 1}
	g.in = bufio.NewReader(&byteCounter{r: r, n: &g.read})
	if _, err := g.in.Peek(1); err == io.EOF {
		return nil, errors.New("not in gzip format: the file is empty")
	}
	z, err := gzip.NewReader(g.in)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil, errors.New("not in gzip format: the file ends within the gzip header")
	}
	if err != nil {
		return nil, err
	}
	z.Multistream(false)
	g.z = z
	return g, nil
}

func (g *gunzip) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err != io.EOF || n > 0 {
			if err == io.EOF {
				err = nil // the next call sees the end of the member again
			}
			return n, err
		}
		// The end of a member, whose checksum is right: another member
		// follows, or nothing, or data that is not gzip.
		g.whole = g.read - int64(g.in.Buffered())
		magic, _ := g.in.Peek(2)
		switch {
		case len(magic) == 0:
			return 0, io.EOF
		case len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b:
			g.members++
			if err := g.z.Reset(g.in); err != nil {
				return 0, err
			}
			g.z.Multistream(false)
			continue
		}
		zeros, err := onlyZeros(g.in)
		if err != nil {
			return 0, err
		}
		if zeros {
			g.warn("decompression OK, trailing zero bytes ignored")
		} else {
			g.warn("decompression OK, trailing garbage ignored")
		}
		return 0, io.EOF
	}
}

func (g *gunzip) sound() int64 { return g.whole }

func (g *gunzip) unit() string {
	return fmt.Sprintf("gzip member %d (from byte %d)", g.members, g.whole)
}

// onlyZeros reads r to its end and reports whether it held only zero
// bytes.
func onlyZeros(r io.Reader) (bool, error) {
	buf := make([]byte, 32<<10)
	zeros := true
	for {
		n, err := r.Read(buf)
		for _, b := range buf[:n] {
			zeros = zeros && b == 0
		}
		if err == io.EOF {
			return zeros, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// bunzip2 decompresses bzip2 streams one after another. compress/bzip2
// checks each block, but does not say where blocks or streams end: none
// is known sound before the end, so that a corrupt block withholds every
// line of the input.
type bunzip2 struct{ io.Reader }

func openBzip2(r io.Reader, warn func(msg string)) (decoder, error) {
	return bunzip2{bzip2.NewReader(r)}, nil
}

func (bunzip2) sound() int64 { return 0 }

func (bunzip2) unit() string { return "the bzip2 data" }

package datasets

import "io"

// ReadAll reads r to the end like io.ReadAll, but sizes the buffer from
// r's Len method when it has one (bytes.Reader, strings.Reader), so a
// reader of embedded or in-memory data is copied once. On a read error it
// returns the bytes read so far and the error. Shared by the readers that
// parse a whole document in memory.
func ReadAll(r io.Reader) ([]byte, error) {
	l, ok := r.(interface{ Len() int })
	if !ok {
		return io.ReadAll(r)
	}
	buf := make([]byte, 0, l.Len()+1) // +1: EOF is seen without growing
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		if n < 0 || n > cap(buf)-len(buf) {
			n = 0 // a misbehaving reader must not make us panic
		}
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

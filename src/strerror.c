/* SPDX-License-Identifier: GPL-2.0-only */
/* strerror.c - musl's messages for errno, in half the bytes.
 *
 * cella names the reason of every failure with strerror. musl keeps its
 * messages as plain strings and an index of shorts (2.2 KB); here the
 * same messages are NUL-separated in errno order, no index, and share
 * their common words through a dictionary (scripts/strerror-table.py
 * writes the table from the C library's own strerror;
 * tests/unit/test_libc.c checks every errno against it). A message is
 * expanded into a static buffer: like musl's, valid until the next call,
 * and cella never has two in one call. Like open.c, a weak definition for
 * musl builds only, and only where errno has the numbers of the generic
 * Linux table (mips, powerpc, sparc and alpha have others). */
#include "libc.h"
#if REPLACE_LIBC && (defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || \
		     defined(__arm__) || defined(__riscv))

#include <errno.h>
#include <string.h>

_Static_assert(EDEADLK == 35 && EOPNOTSUPP == 95 && ENOTRECOVERABLE == 131,
	       "errno numbers of the generic Linux table");

/* BEGIN TABLE (scripts/strerror-table.py) */
#define NMSG 132 /* errno 0 to 131 */
#define MAXMSG 40 /* the longest message */
static const char table[] =
	"No\207 \231f\220\322\203\0" /* 0 No error information */
	"\216\201p\236mit\243\0" /* 1 Operation not permitted */
	"\224\247 \220\240\226\0" /* 2 No such file or directory */
	"\224\274\0" /* 3 No such process */
	"In\217rrup\243\242 c\266l\0" /* 4 Interrupted system call */
	"\326\0" /* 5 I/O error */
	"\224d\314\220 a\215\0" /* 6 No such device or address */
	"A\273\225lis\225\245\312\0" /* 7 Argument list too long */
	"Exec\310\322t\207\0" /* 8 Exec format error */
	"\307f\206\0" /* 9 Bad file descriptor */
	"\211ch\301\263\274\0" /* 10 No child process */
	"\222\217\321\220ar\301\233un\200\0" /* 11 Resource temporarily unavailable */
	"\304 mem\220y\0" /* 12 Out of memory */
	"P\236missi\234\240\232i\237\0" /* 13 Permission denied */
	"\307a\215\0" /* 14 Bad address */
	"B\276\240\314\202\246\0" /* 15 Block device required */
	"\222b\315y\0" /* 16 Resource busy */
	"F\323 \324ists\0" /* 17 File exists */
	"C\316ss-d\314\277\0" /* 18 Cross-device link */
	"\224d\210\0" /* 19 No such device */
	"\264\240\226\0" /* 20 Not a directory */
	"I\230a\240\226\0" /* 21 Is a directory */
	"\306\263a\273t\0" /* 22 Invalid argument */
	"\254op\232 \247\230\231\242\0" /* 23 Too many open files in system */
	"\211f\206\230\200\0" /* 24 No file descriptors available */
	"\264 tty\0" /* 25 Not a tty */
	"T\324\225\247\311\315y\0" /* 26 Text file busy */
	"F\301\214\0" /* 27 File too large */
	"\211s\317\221f\225\234\240\210\0" /* 28 No space left on device */
	"\306d\227eek\0" /* 29 Invalid seek */
	"Re\325-\234l\233\247\242\0" /* 30 Read-only file system */
	"\254\277s\0" /* 31 Too many links */
	"B\316k\232 pipe\0" /* 32 Broken pipe */
	"Do\322\231\207\0" /* 33 Domain error */
	"R\235ult\201\202p\271\232\260b\221\0" /* 34 Result not representable */
	"\222de\325\276 w\262l\263\252cur\0" /* 35 Resource deadlock would occur */
	"F\323name \245\312\0" /* 36 Filename too long */
	"\211\276\230\200\0" /* 37 No locks available */
	"Func\203\201i\321\221m\232\243\0" /* 38 Function not implemented */
	"D\226\201e\321ty\0" /* 39 Directory not empty */
	"Symbolic \277 loop\0" /* 40 Symbolic link loop */
	"\0" /* 41  */
	"\211m\255e of\240\235\300\223\0" /* 42 No message of desired type */
	"Id\232\272fi\236 \202mov\237\0" /* 43 Identifier removed */
	"\0" /* 44  */
	"\0" /* 45  */
	"\0" /* 46  */
	"\0" /* 47  */
	"\0" /* 48  */
	"\0" /* 49  */
	"\0" /* 50  */
	"\0" /* 51  */
	"\0" /* 52  */
	"\0" /* 53  */
	"\0" /* 54  */
	"\0" /* 55  */
	"\0" /* 56  */
	"\0" /* 57  */
	"\0" /* 58  */
	"\0" /* 59  */
	"D\210\201a\270\0" /* 60 Device not a stream */
	"\211da\260 \200\0" /* 61 No data available */
	"D\314\272me\262t\0" /* 62 Device timeout */
	"\304\270\230\271\262rc\235\0" /* 63 Out of streams resources */
	"\0" /* 64  */
	"\0" /* 65  */
	"\0" /* 66  */
	"L\231k \265\227eve\202d\0" /* 67 Link has been severed */
	"\0" /* 68  */
	"\0" /* 69  */
	"\0" /* 70  */
	"\303\207\0" /* 71 Protocol error */
	"Mul\272hop at\217\321\243\0" /* 72 Multihop attempted */
	"\0" /* 73  */
	"\307m\255e\0" /* 74 Bad message */
	"V\266u\214\310\240a\260\223\0" /* 75 Value too large for data type */
	"\0" /* 76  */
	"F\206 \231\311\325\227\260\217\0" /* 77 File descriptor in bad state */
	"\0" /* 78  */
	"\0" /* 79  */
	"\0" /* 80  */
	"\0" /* 81  */
	"\0" /* 82  */
	"\0" /* 83  */
	"Il\221g\266\311y\217\227equ\232\253\0" /* 84 Illegal byte sequence */
	"\0" /* 85  */
	"\0" /* 86  */
	"\0" /* 87  */
	"\264\227\213\0" /* 88 Not a socket */
	"D\235t\231a\203 a\215 \202\246\0" /* 89 Destination address required */
	"M\255\214\0" /* 90 Message too large */
	"\303 wr\312\223\310\227\213\0" /* 91 Protocol wrong type for socket */
	"\303\201\200\0" /* 92 Protocol not available */
	"\303\201\204\0" /* 93 Protocol not supported */
	"S\213\223\201\204\0" /* 94 Socket type not supported */
	"N\320\204\0" /* 95 Not supported */
	"\303\251\0" /* 96 Protocol family not supported */
	"A\215\251\311\233p\205\0" /* 97 Address family not supported by protocol */
	"A\215 \231 \315e\0" /* 98 Address in use */
	"A\215\201\200\0" /* 99 Address not available */
	"N\250 i\230d\261\0" /* 100 Network is down */
	"N\250 \244\0" /* 101 Network unreachable */
	"\257n\250\0" /* 102 Connection reset by network */
	"\212ab\220\243\0" /* 103 Connection aborted */
	"\257pe\236\0" /* 104 Connection reset by peer */
	"\211buff\236\227\317\200\0" /* 105 No buffer space available */
	"S\213 i\230c\256\243\0" /* 106 Socket is connected */
	"S\213\201c\256\243\0" /* 107 Socket not connected */
	"Cann\320s\232\263af\217r\227\213\227hutd\261\0" /* 108 Cannot send after socket shutdown */
	"\0" /* 109  */
	"\313\272m\237 \262t\0" /* 110 Operation timed out */
	"\212\202f\315\237\0" /* 111 Connection refused */
	"\267d\261\0" /* 112 Host is down */
	"\267\244\0" /* 113 Host is unreachable */
	"\313\266\202\325\233\241\0" /* 114 Operation already in progress */
	"\313\241\0" /* 115 Operation in progress */
	"S\260\221 \247 hand\221\0" /* 116 Stale file handle */
	"\0" /* 117  */
	"\0" /* 118  */
	"\0" /* 119  */
	"\0" /* 120  */
	"Remo\217 \326\0" /* 121 Remote I/O error */
	"Quo\260 \324\253\237\237\0" /* 122 Quota exceeded */
	"\211\275 f\262nd\0" /* 123 No medium found */
	"Wr\312 \275\223\0" /* 124 Wrong medium type */
	"\313can\253\221d\0" /* 125 Operation canceled */
	"Re\246 key\201\200\0" /* 126 Required key not available */
	"\305ha\230\324p\300\0" /* 127 Key has expired */
	"\305\265 \202vok\237\0" /* 128 Key has been revoked */
	"\305wa\230\202jec\243\311y\227\236vi\253\0" /* 129 Key was rejected by service */
	"P\202vi\262\230\261\236\240i\237\0" /* 130 Previous owner died */
	"S\260\217\201\202cov\236\302\0" /* 131 State not recoverable */
	"ava\301\302\0" /* \200 "available" */
	" n\320\0" /* \201 " not " */
	"re\0" /* \202 "re" */
	"\272\234\0" /* \203 "tion" */
	"supp\220\243\0" /* \204 "supported" */
	"\316t\252ol\0" /* \205 "rotocol" */
	"\323\240\235cript\220\0" /* \206 "ile descriptor" */
	" \236r\220\0" /* \207 " error" */
	"evi\253\0" /* \210 "evice" */
	"No \0" /* \211 "No " */
	"C\256\203 \0" /* \212 "Connection " */
	"\252ket\0" /* \213 "ocket" */
	"e \245arge\0" /* \214 "e too large" */
	"dd\271s\0" /* \215 "ddress" */
	"Op\236a\203\0" /* \216 "Operation" */
	"te\0" /* \217 "te" */
	"or\0" /* \220 "or" */
	"le\0" /* \221 "le" */
	"R\235\262r\253 \0" /* \222 "Resource " */
	" type\0" /* \223 " type" */
	"\211such \0" /* \224 "No such " */
	"t \0" /* \225 "t " */
	"i\202ct\220y\0" /* \226 "irectory" */
	" s\0" /* \227 " s" */
	"s \0" /* \230 "s " */
	"in\0" /* \231 "in" */
	"en\0" /* \232 "en" */
	"y \0" /* \233 "y " */
	"on\0" /* \234 "on" */
	"es\0" /* \235 "es" */
	"er\0" /* \236 "er" */
	"ed\0" /* \237 "ed" */
	" d\0" /* \240 " d" */
	"\231 p\316g\271s\0" /* \241 "in progress" */
	"\227ys\217m\0" /* \242 " system" */
	"\217d\0" /* \243 "ted" */
	"un\202ach\302\0" /* \244 "unreachable" */
	"too l\0" /* \245 "too l" */
	"qu\300\0" /* \246 "quired" */
	"f\323\0" /* \247 "file" */
	"etw\220k\0" /* \250 "etwork" */
	" fam\301y\201\204\0" /* \251 " family not supported" */
	"oc\0" /* \252 "oc" */
	"ce\0" /* \253 "ce" */
	"Too \322n\233\0" /* \254 "Too many " */
	"\235sag\0" /* \255 "essag" */
	"\234nec\0" /* \256 "onnec" */
	"\212\271e\225b\233\0" /* \257 "Connection reset by " */
	"ta\0" /* \260 "ta" */
	"own\0" /* \261 "own" */
	"ou\0" /* \262 "ou" */
	"d \0" /* \263 "d " */
	"N\320a\0" /* \264 "Not a" */
	"ha\230be\232\0" /* \265 "has been" */
	"al\0" /* \266 "al" */
	"Hos\225i\230\0" /* \267 "Host is " */
	"\227t\202am\0" /* \270 " stream" */
	"\202s\0" /* \271 "res" */
	"ti\0" /* \272 "ti" */
	"rgum\232\0" /* \273 "rgumen" */
	"pr\252\235s\0" /* \274 "process" */
	"m\237ium\0" /* \275 "medium" */
	"l\252k\0" /* \276 "lock" */
	"l\231k\0" /* \277 "link" */
	"i\202d\0" /* \300 "ired" */
	"il\0" /* \301 "il" */
	"ab\221\0" /* \302 "able" */
	"P\205\0" /* \303 "Protocol" */
	"Ou\225of\0" /* \304 "Out of" */
	"Ke\233\0" /* \305 "Key " */
	"Inv\266i\0" /* \306 "Invali" */
	"Ba\263\0" /* \307 "Bad " */
	" f\220\0" /* \310 " for" */
	" b\0" /* \311 " b" */
	"\234g\0" /* \312 "ong" */
	"\216 \0" /* \313 "Operation " */
	"\210 \0" /* \314 "evice " */
	"us\0" /* \315 "us" */
	"ro\0" /* \316 "ro" */
	"pa\253 \0" /* \317 "pace " */
	"o\225\0" /* \320 "ot " */
	"mp\0" /* \321 "mp" */
	"ma\0" /* \322 "ma" */
	"i\221\0" /* \323 "ile" */
	"ex\0" /* \324 "ex" */
	"ad\0" /* \325 "ad" */
	"I/O\207\0" /* \326 "I/O error" */;
/* END TABLE */

/* nth: the K-th string of the table. */
static const char *nth(unsigned k)
{
	const char *s = table;

	while (k--)
		while (*s++)
			;
	return s;
}

static char *expand(char *out, const char *s)
{
	for (; *s; s++) {
		if (*s & 0x80)
			out = expand(out, nth(NMSG + (*s & 0x7f)));
		else
			*out++ = *s;
	}
	return out;
}

__attribute__((weak)) char *strerror(int e)
{
	static char buf[MAXMSG + 1];
	const char *s = nth((unsigned)e < NMSG ? e : 0);

	*expand(buf, *s ? s : table) = 0;
	return buf;
}

#endif

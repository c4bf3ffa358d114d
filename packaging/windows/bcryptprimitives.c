/* bcryptprimitives.dll for wine 8: only ProcessPrng, on top of advapi32's SystemFunction036.
 *
 * Why: Rust's standard library (1.78 and later) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, a DLL that Windows 10 and 11 have and wine 8 does not. Every Rust
 * extension that LTSA Desk loads (pydantic-core through sqlmodel, cryptography) then fails to
 * import under wine with "DLL load failed ... The specified module could not be found". A real
 * Windows PC never needs this file: packaging/windows/wine_check.py builds it with Debian's
 * gcc-mingw-w64-x86-64 and puts it into the wine prefix's system32 only, never into a build.
 *
 * SystemFunction036 (RtlGenRandom) is the system's cryptographic generator that Rust used
 * before ProcessPrng; wine implements it on the host's random source.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng is documented to always return TRUE; a failing generator is a fatal error. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            ExitProcess(0xC000000DUL);
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

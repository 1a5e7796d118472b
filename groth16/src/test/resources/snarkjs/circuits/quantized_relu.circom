pragma circom 2.0.0;

// A quantized dense neuron with requantization and ReLU, the shape of a zkML layer:
//   z = sum_k w_k x_k + b, z = q * 2^4 + r with 0 <= r < 16, y = max(q, 0),
// with |q| < 2^15. The input x is private; the public signals are y (output) and the
// public input `scale_check` that must equal sum of x (binds a public value to the private input).
template Bits(n) {
    signal input in;
    signal output out[n];
    var acc = 0;
    var e = 1;
    for (var i = 0; i < n; i++) {
        out[i] <-- (in >> i) & 1;
        out[i] * (out[i] - 1) === 0;
        acc += out[i] * e;
        e = e + e;
    }
    acc === in;
}

template QuantizedRelu(n) {
    signal input x[n];
    signal input sum_x;
    signal output y;
    var w[3] = [3, -5, 7];
    var b = 11;
    var z = b;
    var s = 0;
    for (var k = 0; k < n; k++) {
        z += w[k] * x[k];
        s += x[k];
    }
    sum_x === s;
    signal r;
    signal q;
    r <-- ((z % 16) + 16) % 16;
    q <-- (z - r) / 16;
    z === q * 16 + r;
    component rBits = Bits(4);
    rBits.in <== r;
    // q + 2^15 in [0, 2^16): bit 15 is the sign (1 when q >= 0)
    component qBits = Bits(16);
    qBits.in <== q + 32768;
    y <== qBits.out[15] * q;
}

component main {public [sum_x]} = QuantizedRelu(3);

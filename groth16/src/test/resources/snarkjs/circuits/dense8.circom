pragma circom 2.0.0;

// A dense layer y = W x + b over the integers, 4 private inputs, 8 public outputs:
// eight public signals (the benchmark's larger case).
template Dense(nIn, nOut) {
    signal input x[nIn];
    signal output y[nOut];
    var w[8][4] = [[1, -2, 3, 0], [2, 1, -1, 4], [0, 3, 2, -2], [-1, 0, 1, 1],
                   [5, -3, 0, 2], [1, 1, 1, 1], [-4, 2, 3, -1], [2, 0, -2, 3]];
    var b[8] = [7, -3, 0, 12, -5, 1, 9, -8];
    for (var j = 0; j < nOut; j++) {
        var acc = b[j];
        for (var k = 0; k < nIn; k++) {
            acc += w[j][k] * x[k];
        }
        y[j] <== acc;
    }
}

component main = Dense(4, 8);

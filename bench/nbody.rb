# nbody: float arithmetic. Sun + four outer planets integrated with a
# symplectic Euler step, state kept in flat Arrays of Floats; Math.sqrt in
# the inner loop. Checked against the well-known energies of this system
# (-0.169075164 at start, -0.169087605 after 1000 steps of dt = 0.01),
# energy conservation at the end, and zero total momentum.

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24

X = [0.0, 4.84143144246472090e+00, 8.34336671824457987e+00,
     1.28943695621391310e+01, 1.53796971148509165e+01]
Y = [0.0, -1.16032004402742839e+00, 4.12479856412430479e+00,
     -1.51111514016986312e+01, -2.59193146099879641e+01]
Z = [0.0, -1.03622044471123109e-01, -4.03523417114321381e-01,
     -2.23307578892655734e-01, 1.79258772950371181e-01]
VX = [0.0, 1.66007664274403694e-03, -2.76742510726862411e-03,
      2.96460137564761618e-03, 2.68067772490389322e-03].map { |v| v * DAYS_PER_YEAR }
VY = [0.0, 7.69901118419740425e-03, 4.99852801234917238e-03,
      2.37847173959480950e-03, 1.62824170038242295e-03].map { |v| v * DAYS_PER_YEAR }
VZ = [0.0, -6.90460016972063023e-05, 2.30417297573763929e-05,
      -2.96589568540237556e-05, -9.51592254519715870e-05].map { |v| v * DAYS_PER_YEAR }
M = [1.0, 9.54791938424326609e-04, 2.85885980666130812e-04,
     4.36624404335156298e-05, 5.15138902046611451e-05].map { |m| m * SOLAR_MASS }
NB = 5

def momentum(vx, vy, vz, m)
  px = 0.0
  py = 0.0
  pz = 0.0
  i = 0
  while i < NB
    px += vx[i] * m[i]
    py += vy[i] * m[i]
    pz += vz[i] * m[i]
    i += 1
  end
  [px, py, pz]
end

def energy(x, y, z, vx, vy, vz, m)
  e = 0.0
  i = 0
  while i < NB
    e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i])
    j = i + 1
    while j < NB
      dx = x[i] - x[j]
      dy = y[i] - y[j]
      dz = z[i] - z[j]
      e -= m[i] * m[j] / Math.sqrt(dx * dx + dy * dy + dz * dz)
      j += 1
    end
    i += 1
  end
  e
end

def advance(x, y, z, vx, vy, vz, m, dt, steps)
  s = 0
  while s < steps
    i = 0
    while i < NB
      xi = x[i]
      yi = y[i]
      zi = z[i]
      mi = m[i]
      j = i + 1
      while j < NB
        dx = xi - x[j]
        dy = yi - y[j]
        dz = zi - z[j]
        d2 = dx * dx + dy * dy + dz * dz
        mag = dt / (d2 * Math.sqrt(d2))
        mj = m[j]
        vx[i] -= dx * mj * mag
        vy[i] -= dy * mj * mag
        vz[i] -= dz * mj * mag
        vx[j] += dx * mi * mag
        vy[j] += dy * mi * mag
        vz[j] += dz * mi * mag
        j += 1
      end
      i += 1
    end
    i = 0
    while i < NB
      x[i] += dt * vx[i]
      y[i] += dt * vy[i]
      z[i] += dt * vz[i]
      i += 1
    end
    s += 1
  end
end

steps = (ARGV[0] || 300_000).to_i
steps = 1000 if steps < 1000

x = X.dup
y = Y.dup
z = Z.dup
vx = VX.dup
vy = VY.dup
vz = VZ.dup
m = M

# offset the sun's momentum so the total is zero
px, py, pz = momentum(vx, vy, vz, m)
vx[0] = -px / SOLAR_MASS
vy[0] = -py / SOLAR_MASS
vz[0] = -pz / SOLAR_MASS

e0 = energy(x, y, z, vx, vy, vz, m)
advance(x, y, z, vx, vy, vz, m, 0.01, 1000)
e1000 = energy(x, y, z, vx, vy, vz, m)
advance(x, y, z, vx, vy, vz, m, 0.01, steps - 1000)
e_end = energy(x, y, z, vx, vy, vz, m)
px, py, pz = momentum(vx, vy, vz, m)
p_abs = px.abs + py.abs + pz.abs

errors = []
errors << "e0=#{e0}, expected -0.169075164" if (e0 - -0.169075164).abs > 6e-10
errors << "e1000=#{e1000}, expected -0.169087605" if (e1000 - -0.169087605).abs > 6e-10
errors << "energy drift #{e_end - e0} too large" unless (e_end - e0).abs < 1e-4
errors << "total momentum #{p_abs} not zero" unless p_abs < 1e-12
errors << "bodies did not move" if x[1] == X[1] || y[4] == Y[4]
unless errors.empty?
  $stderr.puts "FAIL nbody: #{errors.join('; ')}"
  exit 1
end
puts "ok nbody #{e_end.round(9)}"

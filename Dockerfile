# Builds the strata launcher and runs the playground. (No Docker engine runs on the development
# machines; this file is kept buildable by hand: `docker compose up`.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl server -am install

FROM eclipse-temurin:17-jre
WORKDIR /strata
COPY --from=build /src/server/target/strata-server.jar /strata/strata-server.jar
COPY --from=build /src/server/target/lib /strata/lib
EXPOSE 4000
VOLUME /strata/data
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xss4m", \
            "-cp", "/strata/strata-server.jar:/strata/lib/*", "io.strata.server.StrataMain"]
CMD ["playground", "--host", "0.0.0.0", "--port", "4000", "--data-dir", "/strata/data"]
